using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Samverkan.Upphandling.Pages;

/// <summary>A small HTML writer: every text it is given is encoded, so nothing a user typed becomes markup.</summary>
internal sealed class Html
{
    private readonly StringBuilder _body = new();

    public Html(string title)
    {
        Title = title;
    }

    public string Title { get; }

    public Html Heading(string text, int level = 2) => Raw($"<h{level}>{E(text)}</h{level}>");

    public Html Paragraph(string text, string? cssClass = null) => Raw(cssClass is null ? $"<p>{E(text)}</p>" : $"<p class=\"{cssClass}\">{E(text)}</p>");

    public Html Link(string href, string text) => Raw($"<p><a href=\"{E(href)}\">{E(text)}</a></p>");

    /// <summary>A table; each cell is text, or a (text, link) pair rendered as a link.</summary>
    public Html Table(string id, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<Cell>> rows)
    {
        _body.Append($"<table id=\"{E(id)}\"><thead><tr>");
        foreach (var header in headers)
        {
            _body.Append("<th>").Append(E(header)).Append("</th>");
        }

        _body.Append("</tr></thead><tbody>");
        var any = false;
        foreach (var row in rows)
        {
            any = true;
            _body.Append("<tr>");
            foreach (var cell in row)
            {
                var css = cell.Warning ? " class=\"warning\"" : string.Empty;
                _body.Append("<td").Append(css).Append('>')
                    .Append(cell.Href is null ? E(cell.Text) : $"<a href=\"{E(cell.Href)}\">{E(cell.Text)}</a>").Append("</td>");
            }

            _body.Append("</tr>");
        }

        if (!any)
        {
            _body.Append("<tr><td colspan=\"").Append(headers.Count).Append("\">Nothing here yet.</td></tr>");
        }

        _body.Append("</tbody></table>");
        return this;
    }

    public string Render() =>
        $$"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>{{E(Title)}} – Samverkan upphandling</title>
        <style>body{font-family:sans-serif;margin:2rem;max-width:72rem}table{border-collapse:collapse;margin-bottom:1.5rem}
        th,td{border:1px solid #999;padding:.3rem .6rem;text-align:left}th{background:#eee}.warning{background:#fdd;font-weight:bold}</style>
        </head><body><nav><a href="/upphandling">Worklist</a></nav><h1>{{E(Title)}}</h1>{{_body}}</body></html>
        """;

    private Html Raw(string html)
    {
        _body.Append(html);
        return this;
    }

    /// <summary>Swedish letters stay letters in the page source; markup characters are encoded.</summary>
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private static string E(string text) => Encoder.Encode(text);
}

/// <summary>A table cell: text, optionally a link, optionally marked as needing attention.</summary>
internal sealed record Cell(string Text, string? Href = null, bool Warning = false)
{
    public static implicit operator Cell(string text) => new(text);
}
