namespace NewsSite.Web.Infrastructure.Media;

/// <summary>Why an upload was refused, in words for the person uploading.</summary>
public sealed class ImageRejectedException(string message) : Exception(message);
