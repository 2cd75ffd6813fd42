using System.Buffers.Binary;
using System.IO.Compression;

namespace ArticleThemes.Evaluation.Plots;

/// <summary>
/// A small RGB raster with lines, rectangles and a 5x7 pixel font, saved as PNG. Enough for the evaluation
/// report's plots without a native graphics dependency on the machines that run <c>evaluate</c>.
/// </summary>
internal sealed class PngCanvas
{
    private readonly byte[] _pixels;

    public PngCanvas(int width, int height)
    {
        Width = width;
        Height = height;
        _pixels = new byte[width * height * 3];
        Array.Fill(_pixels, (byte)255);
    }

    public int Width { get; }

    public int Height { get; }

    public void SetPixel(int x, int y, Rgb color)
    {
        if ((uint)x >= (uint)Width || (uint)y >= (uint)Height)
        {
            return;
        }

        int at = ((y * Width) + x) * 3;
        _pixels[at] = color.R;
        _pixels[at + 1] = color.G;
        _pixels[at + 2] = color.B;
    }

    public void FillRectangle(int x, int y, int width, int height, Rgb color)
    {
        for (int j = y; j < y + height; j++)
        {
            for (int i = x; i < x + width; i++)
            {
                SetPixel(i, j, color);
            }
        }
    }

    /// <summary>A line <paramref name="thickness"/> pixels wide (Bresenham, stamped with a square pen).</summary>
    public void DrawLine(int x0, int y0, int x1, int y1, Rgb color, int thickness = 1)
    {
        int dx = Math.Abs(x1 - x0), sx = x0 < x1 ? 1 : -1;
        int dy = -Math.Abs(y1 - y0), sy = y0 < y1 ? 1 : -1;
        int error = dx + dy;
        int half = thickness / 2;
        while (true)
        {
            FillRectangle(x0 - half, y0 - half, thickness, thickness, color);
            if (x0 == x1 && y0 == y1)
            {
                break;
            }

            int e2 = 2 * error;
            if (e2 >= dy)
            {
                error += dy;
                x0 += sx;
            }

            if (e2 <= dx)
            {
                error += dx;
                y0 += sy;
            }
        }
    }

    /// <summary>Draws text with its top-left corner at (x, y); <paramref name="scale"/> enlarges each font pixel.</summary>
    public void DrawText(int x, int y, string text, Rgb color, int scale = 2)
    {
        foreach (char c in text)
        {
            var glyph = PixelFont.Glyph(c);
            for (int row = 0; row < PixelFont.Height; row++)
            {
                for (int col = 0; col < PixelFont.Width; col++)
                {
                    if ((glyph[row] & (1 << (PixelFont.Width - 1 - col))) != 0)
                    {
                        FillRectangle(x + (col * scale), y + (row * scale), scale, scale, color);
                    }
                }
            }

            x += (PixelFont.Width + 1) * scale;
        }
    }

    public static int TextWidth(string text, int scale = 2) => text.Length * (PixelFont.Width + 1) * scale;

    public void Save(Stream destination)
    {
        destination.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, Width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), Height);
        header[8] = 8; // bits per channel
        header[9] = 2; // truecolour RGB
        WriteChunk(destination, "IHDR", header);

        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            for (int y = 0; y < Height; y++)
            {
                zlib.WriteByte(0); // filter: none
                zlib.Write(_pixels, y * Width * 3, Width * 3);
            }
        }

        WriteChunk(destination, "IDAT", compressed.ToArray());
        WriteChunk(destination, "IEND", []);
    }

    private static void WriteChunk(Stream destination, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        destination.Write(length);
        var typeBytes = System.Text.Encoding.ASCII.GetBytes(type);
        destination.Write(typeBytes);
        destination.Write(data);
        uint crc = Crc32.Update(Crc32.Update(0xFFFFFFFFu, typeBytes), data) ^ 0xFFFFFFFFu;
        Span<byte> crcBytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crcBytes, crc);
        destination.Write(crcBytes);
    }

    private static class Crc32
    {
        private static readonly uint[] s_table = Enumerable.Range(0, 256).Select(n =>
        {
            uint c = (uint)n;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            return c;
        }).ToArray();

        public static uint Update(uint crc, ReadOnlySpan<byte> data)
        {
            foreach (byte b in data)
            {
                crc = s_table[(crc ^ b) & 0xFF] ^ (crc >> 8);
            }

            return crc;
        }
    }
}

/// <summary>A colour.</summary>
internal readonly record struct Rgb(byte R, byte G, byte B)
{
    public static Rgb Black { get; } = new(0, 0, 0);

    public static Rgb Grey { get; } = new(170, 170, 170);

    public static Rgb LightGrey { get; } = new(225, 225, 225);

    /// <summary>Distinct colours for series, in order.</summary>
    public static IReadOnlyList<Rgb> Series { get; } = [new(31, 119, 180), new(214, 39, 40), new(44, 160, 44), new(255, 127, 14), new(148, 103, 189)];
}
