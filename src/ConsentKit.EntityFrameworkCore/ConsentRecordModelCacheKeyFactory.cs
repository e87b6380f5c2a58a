using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace ConsentKit.EntityFrameworkCore;

/// <summary>Builds one model per table name and schema of <see cref="ConsentRecordDbContext"/>, not one per context type.</summary>
internal sealed class ConsentRecordModelCacheKeyFactory : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) =>
        context is ConsentRecordDbContext records
            ? (context.GetType(), records.TableKey, designTime)
            : (object)(context.GetType(), designTime);
}
