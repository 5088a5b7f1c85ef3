using System.Buffers.Binary;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using NewsSite.Data.Entities;
using NewsSite.TestSupport;
using NewsSite.Web.Infrastructure.Media;
using SkiaSharp;

namespace NewsSite.IntegrationTests.Newsroom;

/// <summary>Uploads that could exhaust memory, damaged files, files pretending to be images, and metadata that must not be published.</summary>
[Collection(NewsroomCollection.Name)]
public sealed class MediaUploadSafetyTests(NewsroomFactory site)
{
    private const string Marker = "SerialNumber CAM-4471-MARKER GPS 51.4778N 0.0014W";
    private readonly HttpClient reader = site.CreateBrowserlessClient();

    [Fact]
    public async Task Upload_OfHugeDeclaredDimensions_IsRefusedWithMessage_BeforeDecoding()
    {
        var writer = await StaffClient.SignedInAsync(site, StaffRoles.Writer);
        var before = await site.WithDbAsync((db, _) => db.Media.CountAsync());
        // 7745×7745 pixels in a few kilobytes: zeros compress well, and decoding it would cost 240 MB.
        var bomb = MediaFiles.Png(7745, 7745);

        var response = await MediaFiles.UploadAsync(writer, bomb, "bomb.png", "image/png");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("7745×7745 pixels, more than the limit of 40 megapixels", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        Assert.Equal(before, await site.WithDbAsync((db, _) => db.Media.CountAsync()));
    }

    [Theory]
    [InlineData("png")]
    [InlineData("jpeg")]
    public async Task Upload_LargerThanTheStoredSize_IsDecodedDownscaled_AndStoredNoLargerThanIt(string kind)
    {
        var writer = await StaffClient.SignedInAsync(site, StaffRoles.Writer);
        var alt = $"Wide harbour {Guid.NewGuid():n}";
        var bytes = kind == "png" ? MediaFiles.Png(7000, 2000) : MediaFiles.Image(4000, 1000, SKEncodedImageFormat.Jpeg);

        var response = await MediaFiles.UploadAsync(writer, bytes, $"wide.{kind}", $"image/{kind}", alt);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var item = await site.WithDbAsync((db, _) => db.Media.SingleAsync(m => m.AltText == alt));
        Assert.InRange(item.Width, 2560, 3200);
        Assert.Equal([480, 960, 1600], MediaUrls.ParseWidths(item.VariantWidths));
        using var original = SKBitmap.Decode(await reader.GetByteArrayAsync(MediaUrls.Original(item.StoragePath)));
        Assert.Equal((item.Width, item.Height), (original.Width, original.Height));
    }

    [Theory]
    [InlineData(SKEncodedImageFormat.Jpeg, "cut.jpg", "image/jpeg")]
    [InlineData(SKEncodedImageFormat.Png, "cut.png", "image/png")]
    public async Task Upload_OfATruncatedFile_IsRefusedWithAClearMessage(SKEncodedImageFormat format, string name, string contentType)
    {
        var writer = await StaffClient.SignedInAsync(site, StaffRoles.Writer);
        var before = await site.WithDbAsync((db, _) => db.Media.CountAsync());
        var whole = MediaFiles.Image(900, 600, format, noisy: true);

        var response = await MediaFiles.UploadAsync(writer, whole[..(whole.Length / 2)], name, contentType);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The image file is incomplete or damaged; export it again and upload.", await response.Content.ReadAsStringAsync());
        Assert.Equal(before, await site.WithDbAsync((db, _) => db.Media.CountAsync()));
    }

    [Fact]
    public async Task Upload_OfAFakeGif_SaysItIsNotAGif()
    {
        var writer = await StaffClient.SignedInAsync(site, StaffRoles.Writer);

        var renamed = await MediaFiles.UploadAsync(writer, "<html>not a picture</html>"u8.ToArray(), "party.gif", "image/gif");
        var headerOnly = await MediaFiles.UploadAsync(writer, [.. "GIF89a"u8, 0x01, 0x00, 0x01, 0x00, .. "and then nothing like a picture"u8], "party.gif", "image/gif");

        Assert.Equal(HttpStatusCode.BadRequest, renamed.StatusCode);
        Assert.Contains("named .gif but is not a GIF", await renamed.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, headerOnly.StatusCode);
        var message = await headerOnly.Content.ReadAsStringAsync();
        Assert.True(message.Contains("starts like a GIF image but is not one", StringComparison.Ordinal) || message.Contains("incomplete or damaged", StringComparison.Ordinal), message);
    }

    [Fact]
    public async Task UploadedJpeg_HasItsExifStripped_FromEveryServedFile_AndIsTurnedUpright()
    {
        var writer = await StaffClient.SignedInAsync(site, StaffRoles.Writer);
        var alt = $"Camera photo {Guid.NewGuid():n}";
        // Landscape pixels that the camera says to turn 90° clockwise: a portrait photo.
        var photo = MediaFiles.WithExif(MediaFiles.Image(2000, 1000, SKEncodedImageFormat.Jpeg), orientation: 6, Marker);
        Assert.Contains(Marker, Encoding.ASCII.GetString(photo));

        Assert.Equal(HttpStatusCode.Redirect, (await MediaFiles.UploadAsync(writer, photo, "photo.jpg", "image/jpeg", alt)).StatusCode);

        var item = await site.WithDbAsync((db, _) => db.Media.SingleAsync(m => m.AltText == alt));
        Assert.Equal((1000, 2000), (item.Width, item.Height));
        var served = await ServedFilesAsync(item);
        Assert.Equal(3, served.Count); // the original and its 480 and 960 variants
        foreach (var (path, bytes) in served)
        {
            Assert.DoesNotContain("CAM-4471-MARKER", Encoding.Latin1.GetString(bytes));
            Assert.DoesNotContain("Exif\0\0", Encoding.Latin1.GetString(bytes));
            using var codec = SKCodec.Create(new SKMemoryStream(bytes));
            Assert.True(codec.Info.Height > codec.Info.Width, $"{path} is on its side");
        }
    }

    [Fact]
    public async Task UploadedPngAndGif_HaveTheirTextChunksAndCommentsStripped()
    {
        var writer = await StaffClient.SignedInAsync(site, StaffRoles.Writer);
        var pngAlt = $"Chart {Guid.NewGuid():n}";
        var gifAlt = $"Tiny gif {Guid.NewGuid():n}";

        await MediaFiles.UploadAsync(writer, MediaFiles.WithPngText(MediaFiles.Image(1000, 600, SKEncodedImageFormat.Png), Marker), "chart.png", "image/png", pngAlt);
        await MediaFiles.UploadAsync(writer, MediaFiles.GifWithComment(Marker), "tiny.gif", "image/gif", gifAlt);

        foreach (var alt in new[] { pngAlt, gifAlt })
        {
            var item = await site.WithDbAsync((db, _) => db.Media.SingleAsync(m => m.AltText == alt));
            Assert.Equal("image/png", item.ContentType);
            foreach (var (_, bytes) in await ServedFilesAsync(item))
            {
                Assert.DoesNotContain("CAM-4471-MARKER", Encoding.Latin1.GetString(bytes));
            }
        }
    }

    private async Task<List<(string Path, byte[] Bytes)>> ServedFilesAsync(MediaItem item)
    {
        var files = new List<(string, byte[])>();
        foreach (var path in MediaUrls.ParseWidths(item.VariantWidths).Select(w => $"{MediaUrls.RequestPath}/{MediaUrls.VariantPath(item.StoragePath, w)}").Append(MediaUrls.Original(item.StoragePath)))
        {
            var response = await reader.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            files.Add((path, await response.Content.ReadAsByteArrayAsync()));
        }
        return files;
    }
}

/// <summary>Image files for upload tests, real and hand-made.</summary>
internal static class MediaFiles
{
    public static byte[] Image(int width, int height, SKEncodedImageFormat format, bool noisy = false)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.SteelBlue);
            using var paint = new SKPaint { Color = SKColors.Gold };
            canvas.DrawCircle(width / 2f, height / 2f, height / 3f, paint);
            if (noisy)
            {
                // Detail spreads the encoded bytes across the whole picture, so cutting the file in half cuts the picture.
                var random = new Random(7);
                for (var i = 0; i < 4000; i++)
                {
                    paint.Color = new SKColor((uint)random.Next() | 0xFF000000);
                    canvas.DrawRect(random.Next(width), random.Next(height), 12, 12, paint);
                }
            }
        }
        using var data = bitmap.Encode(format, 90);
        return data.ToArray();
    }

    public static async Task<HttpResponseMessage> UploadAsync(StaffClient client, byte[] bytes, string fileName, string contentType, string alt = "A test picture")
    {
        var token = await client.TokenAsync("/admin/media");
        var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(alt), "Upload.AltText" },
        };
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        form.Add(file, "Upload.File", fileName);
        return await client.Http.PostAsync("/admin/media", form);
    }

    /// <summary>A black greyscale PNG of any declared size, a few kilobytes long however large.</summary>
    public static byte[] Png(int width, int height)
    {
        using var output = new MemoryStream();
        output.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 0; // greyscale
        WriteChunk(output, "IHDR", header);
        using (var compressed = new MemoryStream())
        {
            using (var zlib = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
            {
                var row = new byte[width + 1]; // filter byte 0, then zeros
                for (var y = 0; y < height; y++)
                {
                    zlib.Write(row);
                }
            }
            WriteChunk(output, "IDAT", compressed.ToArray());
        }
        WriteChunk(output, "IEND", []);
        return output.ToArray();
    }

    /// <summary>The JPEG with an EXIF segment right after SOI: an orientation and a description holding <paramref name="text"/>.</summary>
    public static byte[] WithExif(byte[] jpeg, ushort orientation, string text)
    {
        var ascii = Encoding.ASCII.GetBytes(text + "\0");
        var tiff = new List<byte>();
        tiff.AddRange("MM"u8.ToArray());
        tiff.AddRange(BigEndian((ushort)42));
        tiff.AddRange(BigEndian(8u));
        tiff.AddRange(BigEndian((ushort)2)); // two entries
        tiff.AddRange(BigEndian((ushort)0x010E)); // ImageDescription, ASCII
        tiff.AddRange(BigEndian((ushort)2));
        tiff.AddRange(BigEndian((uint)ascii.Length));
        tiff.AddRange(BigEndian(8u + 2 + 12 * 2 + 4)); // after the IFD
        tiff.AddRange(BigEndian((ushort)0x0112)); // Orientation, SHORT
        tiff.AddRange(BigEndian((ushort)3));
        tiff.AddRange(BigEndian(1u));
        tiff.AddRange(BigEndian(orientation));
        tiff.AddRange(BigEndian((ushort)0));
        tiff.AddRange(BigEndian(0u)); // no next IFD
        tiff.AddRange(ascii);
        byte[] payload = [.. "Exif\0\0"u8, .. tiff];
        byte[] segment = [0xFF, 0xE1, .. BigEndian((ushort)(payload.Length + 2)), .. payload];
        return [.. jpeg[..2], .. segment, .. jpeg[2..]];
    }

    /// <summary>The PNG with a tEXt chunk after its header.</summary>
    public static byte[] WithPngText(byte[] png, string text)
    {
        using var output = new MemoryStream();
        output.Write(png.AsSpan(0, 33)); // signature and IHDR
        WriteChunk(output, "tEXt", [.. "Comment\0"u8, .. Encoding.Latin1.GetBytes(text)]);
        output.Write(png.AsSpan(33));
        return output.ToArray();
    }

    /// <summary>A 1×1 GIF with a comment extension.</summary>
    public static byte[] GifWithComment(string text)
    {
        var comment = Encoding.ASCII.GetBytes(text);
        return
        [
            .. "GIF89a"u8, 0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00, 0xFF, 0xFF, 0xFF, 0x00, 0x00, 0x00,
            0x21, 0xFE, (byte)comment.Length, .. comment, 0x00,
            0x2C, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x02, 0x02, 0x44, 0x01, 0x00, 0x3B,
        ];
    }

    private static byte[] BigEndian(ushort value) => [(byte)(value >> 8), (byte)value];

    private static byte[] BigEndian(uint value) => [(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value];

    private static void WriteChunk(Stream output, string type, byte[] data)
    {
        output.Write(BigEndian((uint)data.Length));
        byte[] typed = [.. Encoding.ASCII.GetBytes(type), .. data];
        output.Write(typed);
        output.Write(BigEndian(Crc32(typed)));
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }
        return ~crc;
    }
}
