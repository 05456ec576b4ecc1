namespace Samverkan.Cases.Data;

/// <summary>
/// A case's search text as the text-search index holds it: on SQLite an FTS5 table with the trigram tokenizer, kept in
/// step with <c>cases</c> by triggers; on PostgreSQL a view over <c>cases</c> whose <c>search_text</c> has a pg_trgm
/// index. The migrations create both. Either way a substring <c>LIKE</c> on it is answered from the index, where the
/// same test on <c>cases</c> reads every case.
/// </summary>
public sealed class CaseSearchEntry
{
    public Guid CaseId { get; set; }

    public string SearchText { get; set; } = string.Empty;
}
