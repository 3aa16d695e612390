namespace Fangkong.Web.Platform.Api;

public sealed record Page<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, int Total);

public sealed record Paging(int Page = 1, int PageSize = 50)
{
    public const int MaxPageSize = 500;

    public static Paging From(int? page, int? pageSize) =>
        new(Math.Max(1, page ?? 1), Math.Clamp(pageSize ?? 50, 1, MaxPageSize));

    public int Skip => (Page - 1) * PageSize;
}
