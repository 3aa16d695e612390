using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace Fangkong.Core.Privacy;

// Display masks for personal data shown to staff who need to recognise a record, not read it. Every mask
// leaves at least one '*' in a non-empty value, so IsMasked can tell masked from raw text.
public static class Masking
{
    private const char Star = '*';

    // Two-character surnames (复姓) from the 百家姓 that are still in use. The surname is kept whole so
    // "欧阳娜娜" masks as "欧阳**" rather than leaking half a surname as if it were the family name.
    private static readonly FrozenSet<string> CompoundSurnames = new[]
    {
        "欧阳", "上官", "司马", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒",
        "夏侯", "轩辕", "令狐", "独孤", "南宫", "西门", "端木", "百里", "呼延", "澹台", "公冶", "宗政",
        "濮阳", "太史", "申屠", "闻人", "万俟", "司空", "钟离", "赫连", "鲜于", "闾丘", "拓跋", "第五",
    }.ToFrozenSet(StringComparer.Ordinal);

    public static string IdNumber(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return string.Empty;
        }

        var id = value.Trim();
        if (id.Length == 18)
        {
            // Region and the last four stay visible, the conventional display: enough to tell two people apart,
            // while the birth date in the middle is hidden.
            return string.Concat(id.AsSpan(0, 6), new string(Star, 8), id.AsSpan(14, 4));
        }

        // Old 15-digit numbers and typos: reveal much less, and nothing at all when 2 + 2 would be everything.
        return id.Length <= 4
            ? new string(Star, id.Length)
            : string.Concat(id.AsSpan(0, 2), new string(Star, id.Length - 4), id.AsSpan(id.Length - 2));
    }

    public static string Phone(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return string.Empty;
        }

        var phone = value.Replace(" ", string.Empty, StringComparison.Ordinal);
        if (PhoneNumbers.IsMobile(phone))
        {
            return string.Concat(phone.AsSpan(0, 3), "****", phone.AsSpan(7, 4));
        }

        return phone.Length <= 4
            ? new string(Star, phone.Length)
            : string.Concat(new string(Star, phone.Length - 4), phone.AsSpan(phone.Length - 4));
    }

    public static string Name(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return string.Empty;
        }

        var letters = TextElements(value.Trim());
        var first = letters[0];

        // Latin-script names get a fixed-length tail so the mask does not reveal the name's length.
        if (IsLatinLetter(first))
        {
            return first + "***";
        }

        if (letters.Count == 1)
        {
            return first + Star;
        }

        var keep = letters.Count > 2 && CompoundSurnames.Contains(first + letters[1]) ? 2 : 1;
        var masked = new StringBuilder();
        for (var i = 0; i < keep; i++)
        {
            masked.Append(letters[i]);
        }

        return masked.Append(Star, letters.Count - keep).ToString();
    }

    public static string Address(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return string.Empty;
        }

        // Six characters is about province + city + district (上海市浦东新区 → 上海市浦东新): enough to route,
        // not enough to find a door. Short addresses keep only their first half.
        var letters = TextElements(value.Trim());
        var keep = letters.Count > 6 ? 6 : letters.Count / 2;
        return string.Concat(letters.Take(keep)) + "****";
    }

    public static bool IsMasked(string? value) => value is not null && value.Contains(Star, StringComparison.Ordinal);

    // Text elements rather than chars, so a rare character outside the BMP (e.g. 𠮷) counts as one.
    private static List<string> TextElements(string text)
    {
        var elements = new List<string>(text.Length);
        var enumerator = StringInfo.GetTextElementEnumerator(text);
        while (enumerator.MoveNext())
        {
            elements.Add(enumerator.GetTextElement());
        }

        return elements;
    }

    // Basic Latin through Latin Extended-B covers English and pinyin-with-tones as well as accented names.
    private static bool IsLatinLetter(string textElement) =>
        Rune.TryGetRuneAt(textElement, 0, out var rune) && Rune.IsLetter(rune) && rune.Value < 0x0250;
}
