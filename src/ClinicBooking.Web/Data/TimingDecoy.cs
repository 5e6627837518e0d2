using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClinicBooking.Web.Data;

/// <summary>
/// One row that exists to be written. A failed sign-in for a real account writes its failed-attempt count (a durable
/// commit with a full sync, a few milliseconds); a failed sign-in that Identity refuses without a write (an unknown
/// address, an unconfirmed or locked account) bumps this counter instead, so every failure does one comparable write
/// (<see cref="Infrastructure.EqualTiming"/>). It holds nothing about anyone.
/// </summary>
public sealed class TimingDecoy
{
    public int Id { get; private set; }
    public long Writes { get; private set; }

    public const int RowId = 1;
}

public sealed class TimingDecoyConfiguration : IEntityTypeConfiguration<TimingDecoy>
{
    public void Configure(EntityTypeBuilder<TimingDecoy> builder)
    {
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.HasData(new { Id = TimingDecoy.RowId, Writes = 0L });
    }
}
