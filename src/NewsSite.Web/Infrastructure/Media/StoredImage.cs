namespace NewsSite.Web.Infrastructure.Media;

public sealed record StoredImage(string StoragePath, string ContentType, int Width, int Height, long Bytes, IReadOnlyList<int> VariantWidths);
