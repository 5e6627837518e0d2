using System.Security.Claims;
using System.Text.Json;
using ClinicBooking.Web.Domain.Intake;
using ClinicBooking.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace ClinicBooking.Web.Features.Intake;

/// <summary>The intake questionnaire (PRODUCT.md §5): eleven short steps, each saved as a draft, then review and submit.</summary>
[Authorize(Policy = Policies.Patient)]
[Route("/intake")]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class IntakeController(
    IntakeService intake,
    IntakeAssessor assessor,
    ClinicClock clock,
    ClinicSettingsStore settings,
    IOptions<IntakeThresholds> thresholds) : Controller
{
    private string PatientId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    /// <summary>The clinic's units for weights and volumes (answers are stored in grams and mL either way).</summary>
    private MeasurementUnits Units => settings.Current.Units;

    [HttpGet("")]
    public async Task<IActionResult> Index()
    {
        var answers = await intake.CurrentAnswersAsync(PatientId);
        await intake.AuditViewAsync(PatientId, "IntakeOverview");
        SetStepNotice(answers, null);
        var sections = IntakeForm.Sections.Select(s => (s, s.Fields.Count(f => answers[f.Key] is not null))).ToList();
        return View(new OverviewPage(sections, await intake.DraftAsync(PatientId) is not null, await intake.LatestAsync(PatientId),
            TempData["IntakeGate"] as string));
    }

    private const string StepMissingKey = "IntakeStepMissing";

    private IReadOnlyList<FieldError> MissingOnStep(IntakeAnswers answers, IntakeSection section) =>
        IntakeValidator.Missing(answers, clock.Today).Where(m => section.Fields.Any(f => f.Key == m.Key)).ToList();

    /// <summary>The notice "Step 3 still needs: …" for the step saved just before, from the answers as they are now.</summary>
    private void SetStepNotice(IntakeAnswers answers, string? showing)
    {
        if (TempData[StepMissingKey] is not string key || IntakeForm.Section(key) is not { } saved || key == showing)
        {
            return;
        }

        var missing = MissingOnStep(answers, saved);
        if (missing.Count > 0)
        {
            ViewData["StepNotice"] = new StepNotice(saved, IntakeForm.IndexOf(saved.Key) + 1, IntakeForm.Sections.Count,
                missing.Select(m => IntakeForm.Fields[m.Key]).ToList());
        }
    }

    [HttpGet("{section}")]
    public async Task<IActionResult> Section(string section)
    {
        if (IntakeForm.Section(section) is not { } definition)
        {
            return NotFound();
        }

        var answers = await intake.CurrentAnswersAsync(PatientId);
        SetStepNotice(answers, definition.Key);
        await intake.AuditViewAsync(PatientId, "IntakeSection");
        return View("Section", Page(definition, SectionPage.FromAnswers(answers, definition, Units), new Dictionary<string, string>()));
    }

    /// <summary>Saves one step. <c>POST /intake</c> takes the step from the form's <c>Section</c> field.</summary>
    [HttpPost("")]
    [HttpPost("{section}")]
    [RequestFormLimits(ValueCountLimit = 200, ValueLengthLimit = 16 * 1024)]
    public async Task<IActionResult> Save(string? section, [FromForm(Name = "Section")] string? formSection, [FromForm] string? next)
    {
        if (IntakeForm.Section(section ?? formSection ?? "") is not { } definition)
        {
            return NotFound();
        }

        var answers = await intake.CurrentAnswersAsync(PatientId);
        var result = IntakeValidator.Validate(definition, key => Request.Form[key].Select(v => v ?? "").ToList(), clock.Today, answers, Units);
        var unanswered = IntakeValidator.UnansweredWarningSigns(definition, result.Values)
            .Where(e => result.Errors.All(x => x.Key != e.Key)).ToList();
        if (unanswered.Count > 0)
        {
            result = result with { Errors = [.. result.Errors, .. unanswered] };
        }

        if (!result.IsValid)
        {
            // Nothing is stored; every typed value goes back into the form beside its message.
            Response.StatusCode = StatusCodes.Status400BadRequest;
            var posted = definition.Fields.ToDictionary(f => f.Key,
                f => (IReadOnlyList<string>)Request.Form[f.Key].Select(v => v ?? "").ToList());
            return View("Section", Page(definition, posted, result.Errors.ToDictionary(e => e.Key, e => e.Message)));
        }

        var raised = await intake.SaveSectionAsync(PatientId, definition.Key, result.Values);
        // Other required answers may wait, but the next page says what this step still needs, with links back.
        if (MissingOnStep(answers.With(result.Values), definition).Count > 0)
        {
            TempData[StepMissingKey] = definition.Key;
        }

        var index = IntakeForm.IndexOf(definition.Key);
        RedirectResult nextUrl = next switch
        {
            "back" when index > 0 => Redirect($"/intake/{IntakeForm.Sections[index - 1].Key}"),
            "back" => Redirect("/intake"),
            "review" => Redirect("/intake/review"),
            _ when index + 1 < IntakeForm.Sections.Count => Redirect($"/intake/{IntakeForm.Sections[index + 1].Key}"),
            _ => Redirect("/intake/review"),
        };

        // An answer that needs help now is not left until the end of eleven steps: the guidance comes at once (and
        // the clinic has been alerted with the saved step).
        return raised.Count > 0
            ? Redirect($"/intake/urgent?next={Uri.EscapeDataString(nextUrl.Url)}")
            : nextUrl;
    }

    /// <summary>Urgent guidance for answers saved in a step, before the questionnaire goes on.</summary>
    [HttpGet("urgent")]
    public async Task<IActionResult> Urgent(string? next)
    {
        var answers = await intake.CurrentAnswersAsync(PatientId);
        var assessment = assessor.Assess(answers, clock.LocalNow, Units);
        var continueUrl = next is not null && Url.IsLocalUrl(next) && next.StartsWith("/intake", StringComparison.Ordinal) ? next : "/intake";
        return View(new UrgentPage(assessment.RedFlags.Where(f => f.Tier >= FlagTier.SameDay).ToList(), continueUrl,
            thresholds.Value.EmergencyNumber, thresholds.Value.CrisisPhone));
    }

    [HttpGet("review")]
    public async Task<IActionResult> Review()
    {
        var answers = await intake.CurrentAnswersAsync(PatientId);
        await intake.AuditViewAsync(PatientId, "IntakeReview");
        TempData.Remove(StepMissingKey); // the review lists every missing answer itself
        return View(new ReviewPage(answers, IntakeValidator.Missing(answers, clock.Today), await intake.DraftAsync(PatientId) is not null, null, Units));
    }

    [HttpPost("submit")]
    public async Task<IActionResult> Submit([FromForm] bool consent)
    {
        if (!consent)
        {
            var answers = await intake.CurrentAnswersAsync(PatientId);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("Review", new ReviewPage(answers, IntakeValidator.Missing(answers, clock.Today), await intake.DraftAsync(PatientId) is not null,
                Text.Get<IntakeMessageText>("Please tick the box to agree before you submit."), Units));
        }

        var outcome = await intake.SubmitAsync(PatientId);
        if (outcome.Missing.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("Review", new ReviewPage(await intake.CurrentAnswersAsync(PatientId), outcome.Missing, true, null, Units));
        }

        return outcome.Version is null ? Redirect("/intake") : Redirect("/intake/submitted");
    }

    [HttpGet("submitted")]
    public async Task<IActionResult> Submitted()
    {
        if (await intake.LatestAsync(PatientId) is not { } latest)
        {
            return Redirect("/intake");
        }

        await intake.AuditViewAsync(PatientId, "IntakeVersion");
        // A booking interrupted by the intake gate comes back here as "continue booking".
        var resume = Request.Cookies[Booking.BookingController.ResumeCookie];
        var submittedLocal = clock.ToLocal(latest.SubmittedUtc);
        return View(new SubmittedPage(latest, latest.Assessment ?? assessor.Assess(latest.Answers, submittedLocal, Units),
            thresholds.Value.EmergencyNumber, thresholds.Value.CrisisPhone, submittedLocal, resume is not null && Url.IsLocalUrl(resume) && resume.StartsWith("/book/confirm?", StringComparison.Ordinal) ? resume : null));
    }

    [HttpGet("export")]
    public async Task<IActionResult> Export()
    {
        var versions = await intake.VersionsAsync(PatientId);
        var draft = await intake.DraftAsync(PatientId);
        await intake.AuditExportAsync(PatientId);
        var document = new
        {
            exportedUtc = clock.UtcNow,
            versions = versions.Select(v => new { number = v.Number, submittedUtc = v.SubmittedUtc, answers = v.Answers.Values }),
            draft = draft is null ? null : new { updatedUtc = draft.UpdatedUtc, answers = draft.Answers.Values },
        };
        var json = JsonSerializer.SerializeToUtf8Bytes(document, new JsonSerializerOptions { WriteIndented = true });
        return File(json, "application/json", "my-intake.json");
    }

    private SectionPage Page(IntakeSection section, IReadOnlyDictionary<string, IReadOnlyList<string>> values,
        IReadOnlyDictionary<string, string> errors) =>
        new(section, IntakeForm.IndexOf(section.Key) + 1, IntakeForm.Sections.Count, values, errors, clock.Today, Units);
}
