//! The demo stories themselves: fictional issues of the demo supplier, each with what happens
//! to it, in order. `super::load` files them.

use app::issues::types::IssueStatus::*;

use super::{Step::*, Story, Who::*};

const CLINICAL: Option<usize> = Some(0);
const PUBLISHER: Option<usize> = Some(1);
const TEMPLATES: Option<usize> = Some(2);

pub(super) const STORIES: &[Story] = &[
    Story {
        title: "Repeat prescriptions drop the dosage text when re-issued",
        module: CLINICAL,
        safety: true,
        reporter: Partner,
        log_number: "CS0412231",
        age_days: 164,
        description: "When a repeat is re-issued from the **medication screen**, the dosage \
            instructions are blank on the printed token and in the EPS message.\n\n\
            Steps:\n\n1. Open a patient with an active repeat.\n2. Choose *Re-issue*.\n\
            3. Look at the token preview.\n\nThe pharmacy rang us twice this week.",
        steps: &[
            Response(
                2,
                "Thank you. We have reproduced this on 9.19 and raised it as a \
                priority defect.",
            ),
            Status(2, Rep, Logged, "", ""),
            Status(
                9,
                Rep,
                Investigating,
                "",
                "Development are tracing the re-issue path.",
            ),
            Comment(
                11,
                Nurse,
                "Seen at Hillcrest too, mostly on liquid preparations.",
            ),
            Affects(Nurse),
            Affects(PracticeManager),
            Affects(Member),
            Affects(Chair),
            Response(
                41,
                "A fix is in the 9.21.0 release. Until then, re-add the dosage by \
                hand before signing.",
            ),
            Status(41, Rep, FixPlanned, "9.21.0, Q1 2027", ""),
        ],
    },
    Story {
        title: "Appointment book freezes when switching between sessions",
        module: CLINICAL,
        safety: false,
        reporter: Reception,
        log_number: "CS0413310",
        age_days: 96,
        description: "Switching from the morning to the afternoon session in the appointment \
            book freezes the screen for up to a minute. It happens most on Mondays.",
        steps: &[
            Status(5, Rep, Logged, "", ""),
            Response(
                12,
                "We are collecting logs from three practices to look into this.",
            ),
            Status(12, Rep, Investigating, "", ""),
            Affects(PracticeManager),
            Affects(Member),
            Comment(
                40,
                Chair,
                "Raised at the watchdog meeting; the supplier will report back.",
            ),
        ],
    },
    Story {
        title: "Letters print twice from the document queue",
        module: CLINICAL,
        safety: false,
        reporter: Member,
        log_number: "CS0398774",
        age_days: 210,
        description: "Every letter sent from the document queue prints two copies, whatever \
            the printer settings say.",
        steps: &[
            Status(1, Rep, Logged, "", ""),
            Status(6, Rep, Investigating, "", ""),
            Status(
                30,
                Rep,
                FixPlanned,
                "9.19.2",
                "Patched in the next maintenance release.",
            ),
            Status(58, Rep, Fixed, "", "Released in 9.19.2."),
            Comment(60, Member, "Confirmed fixed here after the update."),
            Affects(Reception),
        ],
    },
    Story {
        title: "Template manager loses conditional logic on import",
        module: TEMPLATES,
        safety: false,
        reporter: PracticeManager,
        log_number: "TM-2291",
        age_days: 48,
        description: "Importing a template exported from another practice drops every \
            *show when* rule, so all questions show at once.",
        steps: &[Status(4, Rep, Logged, "", "")],
    },
    Story {
        title: "Resource publisher rejects PDFs over 5 MB without saying why",
        module: PUBLISHER,
        safety: false,
        reporter: Member,
        log_number: "",
        age_days: 21,
        description: "Uploading a leaflet larger than 5 MB shows a spinner, then nothing. \
            No message says the file is too large.",
        steps: &[Affects(Partner)],
    },
    Story {
        title: "Lab results filed against the wrong patient after a record merge",
        module: CLINICAL,
        safety: true,
        reporter: Chair,
        log_number: "CS0419902",
        age_days: 31,
        description: "After two duplicate records were merged, incoming pathology results for \
            one patient were filed to the other. We caught it at the daily check.",
        steps: &[
            Response(1, "Escalated to our clinical safety officer today."),
            Status(1, Rep, Logged, "", ""),
            Status(3, Rep, Investigating, "", ""),
            Comment(5, Partner, "We had the same after a merge in March."),
            AddLog(6, Partner, "CS0419950"),
            Affects(Partner),
            Affects(Nurse),
            Affects(PracticeManager),
            Affects(Member),
            Affects(Reception),
        ],
    },
    Story {
        title: "Searching by NHS number ignores numbers typed with spaces",
        module: CLINICAL,
        safety: false,
        reporter: Reception,
        log_number: "CS0377120",
        age_days: 320,
        description: "Typing `485 777 3456` finds nobody; `4857773456` finds the patient.",
        steps: &[
            Status(3, Rep, Logged, "", ""),
            Status(40, Rep, Fixed, "", "Fixed in 9.18.0."),
            Status(60, Chair, Closed, "", "Confirmed at the watchdog meeting."),
        ],
    },
    Story {
        title: "Online consultation messages arrive without their attachments",
        module: CLINICAL,
        safety: false,
        reporter: PracticeManager,
        log_number: "CS0401555",
        age_days: 140,
        description: "Photos patients attach to online consultations do not come through to \
            the clinical system.",
        steps: &[
            Status(2, Rep, Logged, "", ""),
            Response(
                20,
                "Attachments come from the third-party form provider, which does \
                not send them to us. Please raise it with them.",
            ),
            Status(20, Rep, WontFix, "", "Outside our system."),
            Comment(
                22,
                Chair,
                "We will take this up with the form provider directly.",
            ),
        ],
    },
    Story {
        title: "Recall searches miss patients with a recorded exception",
        module: CLINICAL,
        safety: true,
        reporter: Nurse,
        log_number: "CS0408871",
        age_days: 77,
        description: "The annual review recall leaves out patients whose exception code has \
            expired, so they are never invited.",
        steps: &[
            Status(3, Rep, Logged, "", ""),
            Status(10, Rep, Investigating, "", ""),
            Status(
                35,
                Rep,
                FixPlanned,
                "Q2 2027",
                "The search definitions will be corrected.",
            ),
            Affects(Partner),
        ],
    },
    Story {
        title: "Allergies recorded with codes show as free text in the summary",
        module: CLINICAL,
        safety: true,
        reporter: Partner,
        log_number: "CS0420117",
        age_days: 18,
        description: "Coded allergies appear as plain text in the patient summary, so the \
            prescribing checks do not fire.",
        steps: &[
            Response(2, "Logged with our clinical safety team."),
            Status(2, Rep, Logged, "", ""),
        ],
    },
    Story {
        title: "Task list does not refresh after a task is completed",
        module: CLINICAL,
        safety: false,
        reporter: Reception,
        log_number: "CS0385502",
        age_days: 260,
        description: "Completed tasks stay in the list until the screen is closed and opened.",
        steps: &[
            Status(2, Rep, Logged, "", ""),
            Status(50, Rep, Fixed, "", ""),
            Status(80, Chair, Closed, "", ""),
        ],
    },
    Story {
        title: "Template preview differs from what the consultation shows",
        module: TEMPLATES,
        safety: false,
        reporter: Member,
        log_number: "",
        age_days: 9,
        description: "The preview in the template manager shows fields in a different order \
            from the consultation screen.",
        steps: &[],
    },
    Story {
        title: "Clinical system is slow to start on Monday mornings",
        module: CLINICAL,
        safety: false,
        reporter: PracticeManager,
        log_number: "CS0406630",
        age_days: 88,
        description: "Start-up takes four to six minutes between 8:00 and 8:30 on Mondays.",
        steps: &[
            Status(4, Rep, Logged, "", ""),
            Status(
                50,
                Rep,
                Investigating,
                "",
                "Looking at server load at the data centre.",
            ),
            Affects(Partner),
            Affects(Reception),
            Affects(Member),
        ],
    },
    Story {
        title: "Published resources vanish from the practice library after an update",
        module: PUBLISHER,
        safety: false,
        reporter: Nurse,
        log_number: "RP-0117",
        age_days: 70,
        description: "After the October update, leaflets we published earlier no longer show \
            in the practice library.",
        steps: &[
            Status(2, Rep, Logged, "", ""),
            Status(8, Rep, Investigating, "", ""),
            Status(30, Rep, FixPlanned, "10.0, Q2 2027", ""),
        ],
    },
    Story {
        title: "Medication review dates reset when a drug is re-authorised",
        module: CLINICAL,
        safety: true,
        reporter: Partner,
        log_number: "CS0391008",
        age_days: 190,
        description: "Re-authorising a drug sets its review date to today plus twelve months, \
            overwriting the date the clinician chose.",
        steps: &[
            Status(1, Rep, Logged, "", ""),
            Status(15, Rep, FixPlanned, "9.20.0", ""),
            Status(70, Rep, Fixed, "", "Released in 9.20.0."),
        ],
    },
    Story {
        title: "Referral letters miss the practice address in the footer",
        module: CLINICAL,
        safety: false,
        reporter: Reception,
        log_number: "CS0380004",
        age_days: 300,
        description: "The footer of referral letters is blank since the letter template \
            update.",
        steps: &[
            Status(2, Rep, Logged, "", ""),
            Status(20, Rep, Fixed, "", ""),
            Status(30, Chair, Closed, "", ""),
        ],
    },
    Story {
        title: "Text reminders are sent for cancelled appointments",
        module: CLINICAL,
        safety: false,
        reporter: Reception,
        log_number: "CS0415560",
        age_days: 55,
        description: "Patients get a reminder the day before an appointment that was cancelled \
            last week.",
        steps: &[
            Status(3, Rep, Logged, "", ""),
            Status(6, Rep, Investigating, "", ""),
            Comment(30, Member, "Still happening; two complaints this week."),
            Affects(Member),
        ],
    },
    Story {
        title: "Templates cannot be shared between practices in a network",
        module: TEMPLATES,
        safety: false,
        reporter: PracticeManager,
        log_number: "TM-2104",
        age_days: 230,
        description: "Our primary care network wants one set of templates; each practice has \
            to import them separately.",
        steps: &[
            Status(5, Rep, Logged, "", ""),
            Response(
                40,
                "Sharing across organisations is not planned; it is on our \
                product ideas list.",
            ),
            Status(40, Rep, WontFix, "", ""),
        ],
    },
    Story {
        title: "Scanned documents over 10 MB fail to attach",
        module: CLINICAL,
        safety: false,
        reporter: Reception,
        log_number: "CS0417789",
        age_days: 40,
        description: "Large scanned hospital letters fail with *Attachment error 12*.",
        steps: &[Status(2, Rep, Logged, "", "")],
    },
    Story {
        title: "The date picker accepts 31 February",
        module: CLINICAL,
        safety: false,
        reporter: Member,
        log_number: "CS0393321",
        age_days: 180,
        description: "Entering 31/02 in any date field is accepted and saved as 3 March.",
        steps: &[
            Status(2, Rep, Logged, "", ""),
            Status(30, Rep, Fixed, "", ""),
        ],
    },
    Story {
        title: "The audit trail does not show who changed a problem's status",
        module: CLINICAL,
        safety: false,
        reporter: Chair,
        log_number: "",
        age_days: 15,
        description: "Problem status changes appear in the audit trail without the user's \
            name.",
        steps: &[Affects(PracticeManager)],
    },
    Story {
        title: "Blood pressure readings are plotted out of order on the graph",
        module: CLINICAL,
        safety: true,
        reporter: Nurse,
        log_number: "CS0409915",
        age_days: 66,
        description: "Readings entered on the same day are joined in the order entered, not \
            by time, so the graph zig-zags.",
        steps: &[
            Status(1, Rep, Logged, "", ""),
            Status(20, Rep, FixPlanned, "9.21.0", ""),
            Affects(Partner),
        ],
    },
    Story {
        title: "A screen reader cannot read the consultation toolbar",
        module: CLINICAL,
        safety: false,
        reporter: Member,
        log_number: "CS0411220",
        age_days: 50,
        description: "The toolbar buttons have no names, so NVDA reads *button* for each.",
        steps: &[
            Status(4, Rep, Logged, "", ""),
            Status(18, Rep, Investigating, "", ""),
        ],
    },
    Story {
        title: "Exported patient lists lose the leading zeros of practice codes",
        module: CLINICAL,
        safety: false,
        reporter: PracticeManager,
        log_number: "CS0370001",
        age_days: 340,
        description: "Practice code `Y01234` is fine, but `012345` becomes `12345` in the CSV.",
        steps: &[
            Status(2, Rep, Logged, "", ""),
            Status(40, Rep, Fixed, "", ""),
            Status(60, Chair, Closed, "", ""),
        ],
    },
    Story {
        title: "Prescription tokens print off the edge of the form",
        module: CLINICAL,
        safety: false,
        reporter: Partner,
        log_number: "CS0418840",
        age_days: 25,
        description: "The last line of the token is cut off on our new printers.",
        steps: &[Status(2, Rep, Logged, "", "")],
    },
    Story {
        title: "The clinical system signs people out after five minutes idle",
        module: CLINICAL,
        safety: false,
        reporter: Nurse,
        log_number: "CS0402202",
        age_days: 120,
        description: "Nurses are signed out mid-clinic while talking with patients.",
        steps: &[
            Response(
                3,
                "The idle time is a practice setting: *Organisation › Security › \
                Idle timeout*.",
            ),
            Status(3, Rep, Fixed, "", "A setting, not a fault."),
            Status(10, Chair, Closed, "", ""),
        ],
    },
    Story {
        title: "Template manager crashes when a field name has an apostrophe",
        module: TEMPLATES,
        safety: false,
        reporter: PracticeManager,
        log_number: "TM-2350",
        age_days: 100,
        description: "Naming a field `Patient's consent` crashes the template manager on save.",
        steps: &[
            Status(2, Rep, Logged, "", ""),
            Status(30, Rep, Fixed, "", ""),
        ],
    },
    Story {
        title: "Blank screen when opening a record with many documents",
        module: CLINICAL,
        safety: false,
        reporter: Member,
        log_number: "",
        age_days: 4,
        description: "Records with more than about 2,000 documents open to a blank screen.",
        steps: &[],
    },
    // Duplicates, merged by the chair into the issue they repeat.
    Story {
        title: "Document queue sends two copies of each letter",
        module: CLINICAL,
        safety: false,
        reporter: Reception,
        log_number: "CS0399002",
        age_days: 200,
        description: "Two copies of every letter come out of the printer.",
        steps: &[
            Affects(Reception),
            Affects(PracticeManager),
            MergeInto(3, 2),
        ],
    },
    Story {
        title: "Appointment screen hangs when changing session",
        module: CLINICAL,
        safety: false,
        reporter: Partner,
        log_number: "CS0414001",
        age_days: 60,
        description: "Changing session in the appointment book hangs for a minute.",
        steps: &[Affects(Partner), MergeInto(2, 1)],
    },
    Story {
        title: "Unknown error when uploading a large leaflet",
        module: PUBLISHER,
        safety: false,
        reporter: Nurse,
        log_number: "",
        age_days: 12,
        description: "Uploading our 8 MB leaflet ends in *Unknown error*.",
        steps: &[Affects(Nurse), MergeInto(1, 4)],
    },
];
