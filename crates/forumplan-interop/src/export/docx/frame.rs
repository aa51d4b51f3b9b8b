//! What frames the report: the heading (issuing unit, national heading,
//! number, place and date), the title, and the closing (recipients and
//! signer), laid out as the decree draws them.

use docx_rs::{AlignmentType, Docx, Paragraph};
use forumplan_reporter::i18n::official::{self, OfficialMsg};
use forumplan_reporter::i18n::{Lang, Msg};
use forumplan_reporter::status::StatusReport;

use super::blocks::{borderless, paragraph, run};
use super::size;

/// The issuing unit, the national heading, the number and the
/// place-and-date line, then the title.
pub(super) fn heading(doc: Docx, report: &StatusReport, lang: Lang) -> Docx {
    let centred = |runs| paragraph(runs, AlignmentType::Center, (0, 0));
    let mut issuer = vec![centred(vec![
        run(OfficialMsg::OrganizingCommittee.text(lang))
            .bold()
            .size(size::HEADING),
    ])];
    issuer.push(centred(vec![
        run(&report.forum.name.to_uppercase())
            .bold()
            .size(size::HEADING),
    ]));
    issuer.push(paragraph(
        [run(OfficialMsg::Number.text(lang)).size(size::HEADING)],
        AlignmentType::Center,
        (120, 0),
    ));
    let place = official::place(report.forum.venue.as_deref())
        .unwrap_or_else(|| OfficialMsg::Place.text(lang));
    let nation = vec![
        centred(vec![
            run(OfficialMsg::NationalName.text(lang))
                .bold()
                .size(size::NATIONAL),
        ]),
        centred(vec![
            run(OfficialMsg::Motto.text(lang))
                .bold()
                .underline("single")
                .size(size::HEADING),
        ]),
        paragraph(
            [run(&official::place_and_date(lang, place, report.as_of))
                .italic()
                .size(size::HEADING)],
            AlignmentType::Center,
            (120, 0),
        ),
    ];
    let mut doc = doc.add_table(borderless(vec![(38, issuer), (62, nation)]));
    let title = |text: &str, before: u32| {
        paragraph(
            [run(text).bold().size(size::BODY)],
            AlignmentType::Center,
            (before, 0),
        )
    };
    doc = doc
        .add_paragraph(title(OfficialMsg::Title.text(lang), 360))
        .add_paragraph(title(
            &format!("{} {}", OfficialMsg::Subject.text(lang), report.forum.name),
            0,
        ));
    let mut notes = vec![format!(
        "({} {})",
        Msg::AsOf.text(lang),
        forumplan_reporter::i18n::date(lang, report.as_of)
    )];
    if !report.scope.is_empty() {
        let names: Vec<&str> = report.workstreams.iter().map(|w| w.name.as_str()).collect();
        notes.push(format!(
            "{}: {}",
            Msg::ShownWorkstreams.text(lang),
            names.join(", ")
        ));
    }
    let last = notes.len() - 1;
    for (i, note) in notes.iter().enumerate() {
        let after = if i == last { 240 } else { 0 };
        doc = doc.add_paragraph(paragraph(
            [run(note).italic().size(size::BODY)],
            AlignmentType::Center,
            (0, after),
        ));
    }
    doc
}

/// The recipients (bottom left) and the signer (bottom right).
pub(super) fn closing(doc: Docx, report: &StatusReport, lang: Lang) -> Docx {
    let left = |runs| paragraph(runs, AlignmentType::Left, (0, 0));
    let mut recipients = vec![left(vec![
        run(OfficialMsg::Recipients.text(lang))
            .bold()
            .italic()
            .size(size::RECIPIENTS_HEADING),
    ])];
    // The lead units of the workstreams reported on, each once, in plan
    // order: they act on the report.
    let mut leads: Vec<&str> = Vec::new();
    for lead in report.workstreams.iter().filter_map(|w| w.lead.as_deref()) {
        if !leads.contains(&lead) {
            leads.push(lead);
        }
    }
    if leads.is_empty() {
        leads.push(OfficialMsg::RecipientsLeads.text(lang));
    }
    for lead in leads {
        recipients.push(left(vec![
            run(&format!("- {lead};")).size(size::RECIPIENTS),
        ]));
    }
    recipients.push(left(vec![
        run(&format!("- {}", OfficialMsg::Archive.text(lang))).size(size::RECIPIENTS),
    ]));
    let centred = |text: &str| {
        paragraph(
            [run(text).bold().size(size::HEADING)],
            AlignmentType::Center,
            (0, 0),
        )
    };
    let mut signer = vec![
        centred(OfficialMsg::OnBehalf.text(lang)),
        centred(OfficialMsg::Signer.text(lang)),
    ];
    // Room for the signature, the seal and the signer's name.
    signer.extend((0..4).map(|_| Paragraph::new()));
    doc.add_paragraph(Paragraph::new())
        .add_table(borderless(vec![(50, recipients), (50, signer)]))
}
