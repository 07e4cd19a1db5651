"""Demo broker teams, mandates, budgets, spending, action agendas and toolbox answers, true to the
Haarlem action programme and the Amersfoort council decision (see ``workspace.demo``), and the
helpdesk's demo cases."""

from .helpdesk.seeding import seed_helpdesk
from .workspace.demo import seed_workspace


def seed(*, size, ref, stdout):
    seed_workspace(ref)
    created = seed_helpdesk(ref=ref)
    stdout.write(f"  brokers: {created} new helpdesk cases")
    return {}
