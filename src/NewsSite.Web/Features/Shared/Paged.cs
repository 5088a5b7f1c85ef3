namespace NewsSite.Web.Features.Shared;

public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, int TotalCount)
{
    public int TotalPages => Math.Max(1, (int)Math.Ceiling(TotalCount / (double)PageSize));
    public bool HasPrevious => Page > 1;
    public bool HasNext => Page < TotalPages;

    /// <summary>Page 1 always exists (it may be empty); any other page past the end does not.</summary>
    public bool IsOutOfRange => Page < 1 || (Page > 1 && Page > TotalPages);

    public static int Skip(int page, int pageSize) => (Math.Max(page, 1) - 1) * pageSize;

    /// <summary>The same page of the same list, holding something else for each item (cards for ids).</summary>
    public Paged<TOther> Select<TOther>(IReadOnlyList<TOther> items) => new(items, Page, PageSize, TotalCount);
}
