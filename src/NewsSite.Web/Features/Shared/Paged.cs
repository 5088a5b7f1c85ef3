namespace NewsSite.Web.Features.Shared;

public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, int TotalCount)
{
    public int TotalPages => Math.Max(1, (int)Math.Ceiling(TotalCount / (double)PageSize));
    public bool HasPrevious => Page > 1;
    public bool HasNext => Page < TotalPages;

    /// <summary>Page 1 always exists (it may be empty); any other page past the end does not.</summary>
    public bool IsOutOfRange => Page < 1 || (Page > 1 && Page > TotalPages);

    /// <summary>How many items come before the page: at most int.MaxValue, whatever page a visitor asks for (a wrapped,
    /// negative OFFSET is an error on PostgreSQL, so ?page=2147483647 was a 500 there).</summary>
    public static int Skip(int page, int pageSize) => (int)Math.Min(int.MaxValue, (Math.Max(page, 1) - 1L) * pageSize);

    /// <summary>The same page of the same list, holding something else for each item (cards for ids).</summary>
    public Paged<TOther> Select<TOther>(IReadOnlyList<TOther> items) => new(items, Page, PageSize, TotalCount);
}
