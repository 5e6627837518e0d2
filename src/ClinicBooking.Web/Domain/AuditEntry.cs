namespace ClinicBooking.Web.Domain;

/// <summary>
/// Who did what to which record, when and from where (PRODUCT.md §8). Never holds health data. Append-only:
/// database triggers refuse updates and deletes.
/// </summary>
public class AuditEntry
{
    public long Id { get; private set; }
    public DateTime AtUtc { get; private set; }
    public string? ActorId { get; private set; }
    public string Action { get; private set; } = "";
    public string RecordType { get; private set; } = "";
    public string? RecordId { get; private set; }

    /// <summary>The patient the record belongs to, so "who looked at my data" can be answered.</summary>
    public string? SubjectId { get; private set; }

    public string? IpAddress { get; private set; }

    private AuditEntry()
    {
    }

    public AuditEntry(DateTime atUtc, string? actorId, string action, string recordType, string? recordId,
        string? subjectId, string? ipAddress)
    {
        AtUtc = atUtc;
        ActorId = actorId;
        Action = action;
        RecordType = recordType;
        RecordId = recordId;
        SubjectId = subjectId;
        IpAddress = ipAddress;
    }
}

public static class AuditActions
{
    public const string IntakeView = "intake.view";
    public const string IntakeSave = "intake.save";
    public const string IntakeSubmit = "intake.submit";
    public const string IntakeExport = "intake.export";
    public const string IntakeReview = "intake.review";

    /// <summary>Urgent guidance was shown to the patient; the record id is "tier:rule-id", never the answer.</summary>
    public const string UrgentGuidanceShown = "intake.urgent-shown";

    /// <summary>A practitioner called the patient after urgent guidance: OK to proceed, holds lifted.</summary>
    public const string UrgentCleared = "intake.urgent-cleared";
    public const string AppointmentView = "appointment.view";
    public const string VisitOutcome = "visit.outcome";
    public const string AvailabilityChange = "availability.change";

    public const string PractitionerCreate = "admin.practitioner.create";
    public const string PractitionerUpdate = "admin.practitioner.update";
    public const string PractitionerHours = "admin.practitioner.hours";
    public const string PractitionerDeactivate = "admin.practitioner.deactivate";
    public const string PractitionerReactivate = "admin.practitioner.reactivate";
    public const string AppointmentCancelByAdmin = "admin.appointment.cancel";
    public const string ServiceCreate = "admin.service.create";
    public const string ServiceUpdate = "admin.service.update";
    public const string ServiceRetire = "admin.service.retire";
    public const string ServiceReinstate = "admin.service.reinstate";
    public const string SettingsUpdate = "admin.settings.update";
    public const string OutboxRetry = "outbox.retry";

    /// <summary>A patient deleted their account; the subject is the former account id, never a name or address.</summary>
    public const string AccountDelete = "account.delete";

    /// <summary>A patient downloaded their personal data (which includes their intake).</summary>
    public const string PersonalDataExport = "account.export";
}
