using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ClinicBooking.Web.Data.PostgreSql;

/// <summary>
/// The clinic's data on PostgreSQL: the same model as on SQLite, with its own migrations (Data/PostgreSql/Migrations:
/// <c>Database__Provider=PostgreSql ConnectionStrings__Clinic="Host=localhost" dotnet ef migrations add Name --context
/// PostgreSqlClinicDbContext --output-dir Data/PostgreSql/Migrations</c>; the model needs no server),
/// plus what several instances on one database need: the Data Protection key ring as a table (every instance reads
/// cookies, tokens and health data any other wrote), and, in the migrations, an exclusion constraint that refuses
/// overlapping booked visits for one practitioner whatever the application does.
/// </summary>
public sealed class PostgreSqlClinicDbContext(DbContextOptions<PostgreSqlClinicDbContext> options, IDataProtectionProvider dataProtection)
    : ClinicDbContext(options, dataProtection), IDataProtectionKeyContext
{
    /// <summary>The constraint on "Appointments" (created by the migrations with btree_gist; EF does not model it).</summary>
    public const string NoOverlapConstraint = "EX_Appointments_NoOverlap";

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        // PostgreSQL folds unquoted names to lower case; these constraints were written for SQLite without quotes.
        foreach (var entityType in builder.Model.GetEntityTypes())
        {
            foreach (var check in entityType.GetCheckConstraints().ToList())
            {
                if (Quoted.TryGetValue(check.Sql, out var sql))
                {
                    var name = check.Name;
                    entityType.RemoveCheckConstraint(check.ModelName);
                    entityType.AddCheckConstraint(check.ModelName, sql).Name = name;
                }
            }
        }

        // timestamptz takes UTC only, and every DateTime here is UTC: a value that arrives unspecified (parsed, or
        // from date arithmetic) is marked so on its way in, as SQLite, which stores no kind, always took it.
        var utc = new ValueConverter<DateTime, DateTime>(v => DateTime.SpecifyKind(v, DateTimeKind.Utc), v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
        foreach (var property in builder.Model.GetEntityTypes().SelectMany(t => t.GetProperties())
                     .Where(p => p.ClrType == typeof(DateTime) || p.ClrType == typeof(DateTime?)))
        {
            if (property.GetValueConverter() is null || property.ClrType == typeof(DateTime))
            {
                property.SetValueConverter(utc);
            }
        }
    }

    /// <summary>A context on <paramref name="connectionString"/> with throwaway keys (for the model and tests, not for patients' data).</summary>
    public static PostgreSqlClinicDbContext Create(string connectionString) =>
        new(new DbContextOptionsBuilder<PostgreSqlClinicDbContext>().UseNpgsql(connectionString)
                .ReplaceService<Microsoft.EntityFrameworkCore.Infrastructure.IModelCacheKeyFactory, Protection.ProtectedModelCacheKeyFactory>().Options,
            new EphemeralDataProtectionProvider());

    private static readonly Dictionary<string, string> Quoted = new(StringComparer.Ordinal)
    {
        ["DurationMinutes > 0"] = "\"DurationMinutes\" > 0",
        ["BufferMinutes >= 0"] = "\"BufferMinutes\" >= 0",
        ["Id = 1"] = "\"Id\" = 1",
    };
}
