using Fangkong.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Fangkong.Web.Features.Tickets;

// Tickets and their timelines live in the district of the place (first in the key, as elsewhere) and
// are seen by whoever's jurisdiction covers that place.
internal static class TicketsModel
{
    public static void Configure(ModelBuilder builder, FangkongDb db)
    {
        builder.Entity<Ticket>(t =>
        {
            t.ToTable(x => x.HasCheckConstraint("CK_Tickets_Satisfaction", "\"Satisfaction\" IS NULL OR (\"Satisfaction\" >= 1 AND \"Satisfaction\" <= 5)"));
            t.HasKey(x => new { x.DistrictCode, x.Id });
            t.HasIndex(x => x.Id).IsUnique();
            t.HasIndex(x => new { x.DivisionCode, x.CreatedAt });
            t.HasIndex(x => new { x.Status, x.DeadlineAt });
            t.HasIndex(x => x.CreatedAt);
            t.Property(x => x.DistrictCode).HasMaxLength(6);
            t.Property(x => x.Number).HasMaxLength(30);
            t.Property(x => x.DivisionCode).HasMaxLength(12);
            t.Property(x => x.RoutedDivisionCode).HasMaxLength(12);
            t.Property(x => x.Department).HasMaxLength(100);
            t.Property(x => x.Description).HasMaxLength(2000);
            t.Property(x => x.CreatedBy).HasMaxLength(256);
            t.Property(x => x.Category).HasConversion<string>().HasMaxLength(30);
            t.Property(x => x.Urgency).HasConversion<string>().HasMaxLength(20);
            t.Property(x => x.Route).HasConversion<string>().HasMaxLength(20);
            t.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            t.Property(x => x.Version).IsConcurrencyToken();
            t.Ignore(x => x.IsEscalated);
            t.HasQueryFilter(x => db.SeesEverything || (db.ScopePrefix != null && x.DivisionCode.StartsWith(db.ScopePrefix)));
        });

        builder.Entity<TicketEntry>(e =>
        {
            e.HasKey(x => new { x.DistrictCode, x.Id });
            e.HasIndex(x => new { x.TicketId, x.Sequence });
            e.Property(x => x.DistrictCode).HasMaxLength(6);
            e.Property(x => x.DivisionCode).HasMaxLength(12);
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Text).HasMaxLength(2000);
            e.Property(x => x.By).HasMaxLength(256);
            e.HasQueryFilter(x => db.SeesEverything || (db.ScopePrefix != null && x.DivisionCode.StartsWith(db.ScopePrefix)));
        });
    }
}
