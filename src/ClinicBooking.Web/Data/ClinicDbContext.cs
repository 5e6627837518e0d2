using ClinicBooking.Web.Data.Protection;
using ClinicBooking.Web.Domain;
using ClinicBooking.Web.Domain.Booking;
using ClinicBooking.Web.Domain.Intake;
using ClinicBooking.Web.Domain.Notifications;
using ClinicBooking.Web.Domain.Practice;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace ClinicBooking.Web.Data;

/// <summary>
/// The clinic's data. On SQLite (the default) this type itself; on PostgreSQL its subclass
/// <see cref="PostgreSql.PostgreSqlClinicDbContext"/>, which keeps its own migrations.
/// </summary>
public class ClinicDbContext : IdentityDbContext<ApplicationUser>
{
    private readonly IDataProtectionProvider dataProtection;

    /// <param name="options">The context's options.</param>
    /// <param name="dataProtection">Encrypts health data columns (<see cref="HealthDataProtection"/>).</param>
    public ClinicDbContext(DbContextOptions<ClinicDbContext> options, IDataProtectionProvider dataProtection)
        : this((DbContextOptions)options, dataProtection)
    {
    }

    /// <summary>For a subclass with its own options type (another engine's migrations).</summary>
    protected ClinicDbContext(DbContextOptions options, IDataProtectionProvider dataProtection) : base(options)
    {
        this.dataProtection = dataProtection;
    }

    internal IDataProtectionProvider DataProtection => dataProtection;

    public DbSet<Service> Services => Set<Service>();
    public DbSet<Practitioner> Practitioners => Set<Practitioner>();
    public DbSet<WorkingInterval> WorkingIntervals => Set<WorkingInterval>();
    public DbSet<IntakeDraft> IntakeDrafts => Set<IntakeDraft>();
    public DbSet<IntakeVersion> IntakeVersions => Set<IntakeVersion>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<ClinicSettings> ClinicSettings => Set<ClinicSettings>();
    public DbSet<Appointment> Appointments => Set<Appointment>();
    public DbSet<TimeOff> TimeOff => Set<TimeOff>();
    public DbSet<TreatmentCourse> TreatmentCourses => Set<TreatmentCourse>();
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    public DbSet<IntakeReview> IntakeReviews => Set<IntakeReview>();
    public DbSet<VisitOutcome> VisitOutcomes => Set<VisitOutcome>();
    public DbSet<UrgentCase> UrgentCases => Set<UrgentCase>();
    public DbSet<AvailabilityStamp> AvailabilityStamps => Set<AvailabilityStamp>();
    public DbSet<TimingDecoy> TimingDecoys => Set<TimingDecoy>();
    public DbSet<WaitlistEntry> WaitlistEntries => Set<WaitlistEntry>();
    public DbSet<WaitlistOffer> WaitlistOffers => Set<WaitlistOffer>();
    public DbSet<WaitlistSignal> WaitlistSignals => Set<WaitlistSignal>();

    /// <summary>
    /// Saves, and bumps the availability stamps of what the save changes in the same transaction (its own, or the
    /// caller's), so no cache anywhere can keep free times the database no longer has (<see cref="Data.AvailabilityStamps"/>).
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        if (ChangeTracker.AutoDetectChangesEnabled)
        {
            ChangeTracker.DetectChanges();
        }

        var touched = Data.AvailabilityStamps.Touched(ChangeTracker);
        if (touched.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        if (Database.CurrentTransaction is not null)
        {
            await Data.AvailabilityStamps.BumpAsync(this, touched, cancellationToken);
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        await using var transaction = await Database.BeginTransactionAsync(cancellationToken);
        await Data.AvailabilityStamps.BumpAsync(this, touched, cancellationToken);
        var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return saved;
    }

    /// <inheritdoc cref="SaveChangesAsync(bool, CancellationToken)"/>
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        if (ChangeTracker.AutoDetectChangesEnabled)
        {
            ChangeTracker.DetectChanges();
        }

        var touched = Data.AvailabilityStamps.Touched(ChangeTracker);
        if (touched.Count == 0)
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }

        using var transaction = Database.CurrentTransaction is null ? Database.BeginTransaction() : null;
        Data.AvailabilityStamps.Bump(this, touched);
        var saved = base.SaveChanges(acceptAllChangesOnSuccess);
        transaction?.Commit();
        return saved;
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(ClinicDbContext).Assembly);

        // SQLite hands DateTime back unspecified; every DateTime here is UTC, so say so on the way out.
        var utc = new Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTime, DateTime>(
            v => v, v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
        foreach (var property in builder.Model.GetEntityTypes().SelectMany(t => t.GetProperties())
                     .Where(p => p.ClrType == typeof(DateTime)))
        {
            property.SetValueConverter(utc);
        }

        builder.ApplyHealthDataProtection(dataProtection.CreateProtector(HealthDataProtection.Purpose));
    }
}
