"""A plan in words, in the reader's language: the admin page's preview and the command's printout."""

from feedback.admin.confirm import Preview
from feedback.i18n import N_, current_language, gettext, ngettext
from feedback.reorganisation.plans import Kind, Plan
from feedback.tickets import STATUS_LABELS, TicketStatus

SUMMARIES = {
    Kind.MERGE: N_("Merge {sources} into {targets} from {on}."),
    Kind.SPLIT: N_("Split {sources} between {targets} from {on}."),
    Kind.RENAME: N_("Rename {sources} to {targets} from {on}."),
    Kind.HAND_OVER: N_("{sources} hands {topics} over to {targets} from {on}."),
}


def preview(plan: Plan) -> Preview:
    """What the change does, the counts of what moves (effects), and what to check afterwards (warnings)."""
    english = current_language() == "en"
    sources = ", ".join(s.name_en if english else s.name for s in plan.sources)
    targets = ", ".join(plan.target_name(i, english=english) for i in range(len(plan.targets)))
    topics = ", ".join(t.name_en if english else t.name for t in plan.topics)
    summary = gettext(SUMMARIES[plan.kind]).format(
        sources=sources, targets=targets, topics=topics, on=f"{plan.on:%d/%m/%Y}"
    )
    c = plan.counts
    by_status = "; ".join(
        f"{gettext(STATUS_LABELS[TicketStatus(status)])}: {count}" for status, count in sorted(c.open_by_status.items())
    )
    effects = [
        ngettext(
            "{n} open question moves, its deadlines unchanged",
            "{n} open questions move, their deadlines unchanged",
            c.open,
        ).format(n=c.open)
        + (f" ({by_status})" if by_status else ""),
        gettext("of which paused: {paused}, extended: {extended}, overdue: {overdue}").format(
            paused=c.paused, extended=c.extended, overdue=c.overdue
        ),
    ]
    if c.unassigned:
        effects.append(
            ngettext(
                "{n} of them has an officer who does not go with it: it goes back to the queue of its new department",
                "{n} of them have an officer who does not go with them: they go back to the queue of their new department",
                c.unassigned,
            ).format(n=c.unassigned)
        )
    if plan.kind is Kind.SPLIT:
        effects += [
            gettext("{n} to {department}").format(
                n=c.open_by_target.get(i, 0), department=plan.target_name(i, english=english)
            )
            for i in range(len(plan.targets))
        ]
    if not plan.ends_sources:
        effects += [
            gettext("{n} answered or closed questions on these topics stay with {department}").format(
                n=c.closed_staying, department=sources
            ),
            gettext("routing rules: {n}").format(n=c.rules),
            gettext("topics answered by default: {n}").format(n=c.topic_defaults),
        ]
        return Preview(summary=summary, effects=effects, warnings=[])
    effects += [
        gettext("{n} answered or closed questions stay with the name they were answered under").format(
            n=c.closed_staying
        ),
        gettext("staff accounts: {n}").format(n=c.staff),
        gettext("saved replies: {n}").format(n=c.saved_replies),
        gettext("routing rules: {n}").format(n=c.rules),
        gettext("topics answered by default: {n}").format(n=c.topic_defaults),
        gettext("open coordination requests: {n}").format(n=c.subtasks),
        gettext("sub-departments: {n}").format(n=c.sub_departments),
    ]
    warnings = [gettext(flag.message).format(**flag.values) for flag in plan.flags]
    return Preview(summary=summary, effects=effects, warnings=warnings)
