namespace NewsSite.Web.Features.Shared;

/// <summary>"Contains" for SQL LIKE, with the user's % and _ taken literally; use with escape character <see cref="Escape"/>.</summary>
public static class LikePattern
{
    public const string Escape = "\\";

    public static string Contains(string text) =>
        $"%{text.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_")}%";
}
