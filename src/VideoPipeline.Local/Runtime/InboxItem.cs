namespace VideoPipeline.Local.Runtime;

/// <summary>
/// A message for an instance written by any process. The owner journals it and only then deletes it; the id, kept
/// in the journal, makes a second delivery of the same item (crash between the two) recognisable.
/// </summary>
internal sealed record InboxItem(string EventId, InboxItemKind Kind, string? Name, string? Data, DateTime RaisedAt);
