"""Print the team's answers: one PDF through ``impactportal.pdf.render_to_pdf``, made in a
background job with progress (the linked questions read live data, module by module)."""

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from impactportal.accounts.models import Organisation
from impactportal.jobs import job_finish_file, job_progress
from impactportal.models import Job
from impactportal.pdf import render_to_pdf

from .progress import current_edition, modules_with_answers, themes_progress


def toolbox_pdf_job(*, organisation_id: int, module_number, language: str, job_id: int) -> str:
    job = Job.objects.select_related("created_by").get(pk=job_id)
    if job.file:  # already done: running twice changes nothing
        return job.file.name
    with translation.override(language):
        job_progress(job_id, 10, gettext_noop("De antwoorden worden verzameld…"))
        organisation = Organisation.objects.get(pk=organisation_id)
        edition = current_edition()
        modules = modules_with_answers(job.created_by, organisation, edition, number=module_number)
        themes, overall = themes_progress(modules)
        job_progress(job_id, 50, gettext_noop("De PDF wordt opgemaakt…"))
        content = render_to_pdf("brokers/toolbox/pdf.html", {
            "title": _("Toolbox Makelaar met Mandaat"), "subtitle": organisation.name, "edition": edition,
            "modules": modules, "overall": overall, "organisation": organisation, "user": job.created_by,
            "printing": True})
        name = f"toolbox-{organisation.slug}" + (f"-module-{module_number}" if module_number else "") + ".pdf"
        job = job_finish_file(job_id, name, content, message=gettext_noop("De PDF is klaar."))
    return job.file.name
