using Fangkong.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Fangkong.Web.Features.Investigation;

// Cases, their exposures, contacts and follow-ups live in the case's district (first in every key: the
// Citus distribution column). A contact and its follow-ups are also seen where the contact lives once
// the investigator has shared it.
internal static class InvestigationModel
{
    public static void Configure(ModelBuilder builder, FangkongDb db)
    {
        builder.Entity<Case>(c =>
        {
            c.HasKey(x => new { x.DistrictCode, x.Id });
            c.HasIndex(x => x.Id).IsUnique();
            c.HasIndex(x => x.Number).IsUnique();
            c.HasIndex(x => new { x.PersonId, x.Status });
            c.HasIndex(x => new { x.DivisionCode, x.Status });
            c.HasIndex(x => x.InfectorCaseId);
            c.HasIndex(x => x.ClusterId);
            c.HasIndex(x => new { x.Category, x.ConfirmedAt });
            c.Property(x => x.DistrictCode).HasMaxLength(6);
            c.Property(x => x.Number).HasMaxLength(40);
            c.Property(x => x.DivisionCode).HasMaxLength(12);
            c.Property(x => x.WorkDivisionCode).HasMaxLength(12);
            c.Property(x => x.SourceNote).HasMaxLength(500);
            c.Property(x => x.Investigator).HasMaxLength(256);
            c.Property(x => x.Summary).HasMaxLength(2000);
            c.Property(x => x.Category).HasConversion<string>().HasMaxLength(20);
            c.Property(x => x.Severity).HasConversion<string>().HasMaxLength(20);
            c.Property(x => x.Route).HasConversion<string>().HasMaxLength(20);
            c.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            c.Property(x => x.InvestigationStatus).HasConversion<string>().HasMaxLength(20);
            c.Property(x => x.Version).IsConcurrencyToken();
            c.Ignore(x => x.SourceKnown);
            c.Ignore(x => x.IsOpen);
            c.HasQueryFilter(x => db.SeesEverything || (db.ScopePrefix != null && x.DivisionCode.StartsWith(db.ScopePrefix)));
        });

        builder.Entity<CaseExposure>(e =>
        {
            e.HasKey(x => new { x.DistrictCode, x.Id });
            e.HasIndex(x => new { x.CaseId, x.From });
            e.Property(x => x.DistrictCode).HasMaxLength(6);
            e.Property(x => x.DivisionCode).HasMaxLength(12);
            e.Property(x => x.PlaceDivisionCode).HasMaxLength(12);
            e.Property(x => x.Place).HasMaxLength(300);
            e.Property(x => x.Note).HasMaxLength(2000);
            e.Property(x => x.By).HasMaxLength(256);
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
            e.HasQueryFilter(x => db.SeesEverything || (db.ScopePrefix != null && x.DivisionCode.StartsWith(db.ScopePrefix)));
        });

        builder.Entity<Contact>(c =>
        {
            c.HasKey(x => new { x.DistrictCode, x.Id });
            c.HasIndex(x => x.Id).IsUnique();
            c.HasIndex(x => new { x.CaseId, x.PersonId }).IsUnique();
            c.HasIndex(x => new { x.PersonId, x.Status });
            c.HasIndex(x => new { x.ResidenceDivisionCode, x.Status });
            c.HasIndex(x => new { x.DivisionCode, x.Status });
            c.Property(x => x.DistrictCode).HasMaxLength(6);
            c.Property(x => x.DivisionCode).HasMaxLength(12);
            c.Property(x => x.ResidenceDivisionCode).HasMaxLength(12);
            c.Property(x => x.Exposure).HasMaxLength(500);
            c.Property(x => x.IdentifiedBy).HasMaxLength(256);
            c.Property(x => x.SharedBy).HasMaxLength(256);
            c.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
            c.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            c.Property(x => x.QuarantineKind).HasConversion<string>().HasMaxLength(20);
            c.Property(x => x.Version).IsConcurrencyToken();
            c.Ignore(x => x.UnderControl);
            c.HasQueryFilter(x => db.SeesEverything || (db.ScopePrefix != null && (x.DivisionCode.StartsWith(db.ScopePrefix)
                || (x.SharedAt != null && x.ResidenceDivisionCode.StartsWith(db.ScopePrefix)))));
        });

        builder.Entity<FollowUp>(f =>
        {
            f.HasKey(x => new { x.DistrictCode, x.Id });
            f.HasIndex(x => x.Id).IsUnique();
            f.HasIndex(x => new { x.ContactId, x.Day });
            f.HasIndex(x => new { x.ResidenceDivisionCode, x.Day });
            f.Property(x => x.DistrictCode).HasMaxLength(6);
            f.Property(x => x.DivisionCode).HasMaxLength(12);
            f.Property(x => x.ResidenceDivisionCode).HasMaxLength(12);
            f.Property(x => x.DoneBy).HasMaxLength(256);
            f.Property(x => x.SymptomNote).HasMaxLength(500);
            f.Property(x => x.Temperature).HasPrecision(4, 1);
            f.Property(x => x.Test).HasConversion<string>().HasMaxLength(20);
            // Visible with its contact: the owner's side always, the residence's side once shared.
            f.HasQueryFilter(x => db.SeesEverything || (db.ScopePrefix != null && (x.DivisionCode.StartsWith(db.ScopePrefix)
                || (x.SharedWithResidence && x.ResidenceDivisionCode.StartsWith(db.ScopePrefix)))));
        });
    }
}
