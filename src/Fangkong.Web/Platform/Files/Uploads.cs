using Fangkong.Web.Platform.Api;
using Microsoft.AspNetCore.Http.Features;

namespace Fangkong.Web.Platform.Files;

// The one way an import endpoint takes a spreadsheet: multipart field "file", a size limit checked
// before and while reading, and every refusal a problem naming the field.
public static class Uploads
{
    public static async Task<(IFormFile? File, IResult? Problem)> ReadFileAsync(HttpContext http, long maxBytes, CancellationToken ct)
    {
        static IResult Problem(string message) => new FieldErrors().Add("file", message).ToProblem("无法导入该文件 / The file cannot be imported");
        var megabytes = maxBytes / 1024 / 1024;
        var tooLarge = $"文件不能超过 {megabytes} MB / the file must be at most {megabytes} MB";
        var request = http.Request;
        if (!request.HasFormContentType)
            return (null, Problem("请以 multipart/form-data 上传，字段名 file / upload the file as multipart/form-data field 'file'"));
        if (request.ContentLength > maxBytes + 1024 * 1024) return (null, Problem(tooLarge));
        // Kestrel's own 30 MB body limit would cut a large report history short.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = maxBytes + 1024 * 1024;
        http.Features.Set<IFormFeature>(new FormFeature(request, new FormOptions
        {
            MultipartBodyLengthLimit = maxBytes + 64 * 1024,
            ValueCountLimit = 16,
        }));
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(ct);
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException)
        {
            return (null, Problem($"无法读取上传的表单 / the upload could not be read; {tooLarge}"));
        }
        var file = form.Files.GetFile("file");
        if (file is null || file.Length == 0) return (null, Problem("请选择要导入的文件 / choose a file to import"));
        if (file.Length > maxBytes) return (null, Problem(tooLarge));
        return (file, null);
    }
}
