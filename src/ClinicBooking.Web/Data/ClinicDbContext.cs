using ClinicBooking.Web.Domain;
using ClinicBooking.Web.Domain.Intake;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace ClinicBooking.Web.Data;

public class ClinicDbContext(DbContextOptions<ClinicDbContext> options) : IdentityDbContext<ApplicationUser>(options)
{
    public DbSet<Service> Services => Set<Service>();
    public DbSet<Practitioner> Practitioners => Set<Practitioner>();
    public DbSet<WorkingInterval> WorkingIntervals => Set<WorkingInterval>();
    public DbSet<IntakeDraft> IntakeDrafts => Set<IntakeDraft>();
    public DbSet<IntakeVersion> IntakeVersions => Set<IntakeVersion>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(ClinicDbContext).Assembly);
    }
}
