namespace ConsentKit.EntityFrameworkCore;

/// <summary>Where consent records live in the database.</summary>
public sealed class ConsentRecordTableOptions
{
    /// <summary>Gets or sets the table name.</summary>
    /// <value>Defaults to <c>ConsentRecords</c>.</value>
    public string TableName { get; set; } = "ConsentRecords";

    /// <summary>Gets or sets the schema, for databases that have schemas.</summary>
    /// <value>Defaults to <see langword="null"/> (the database's default schema).</value>
    public string? Schema { get; set; }
}
