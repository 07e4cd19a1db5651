"""Admission rules of the permission-matrix world (imported at the end of conftest): Haarlem's own
rule, a rule of Haarlem's region (ZKIJ) and the Amersfoort twin, owned by Amersfoort's region."""

from .conftest import builder


@builder("admission_rules")
def _admission_rules(world):
    from enterprises.constants import AdmissionMode, Scheme
    from enterprises.models import AdmissionRule

    world["admissionrule_haarlem"] = AdmissionRule.objects.create(
        organisation=world["haarlem"], platform_name="Kennemer Inkoop Platform", definition="Criteria van Haarlem.")
    world["admissionrule_region"] = AdmissionRule.objects.create(
        region=world["region"], mode=AdmissionMode.LABEL_OR_COMMITTEE, accepted_schemes=[Scheme.CSO])
    world["admissionrule_amersfoort"] = AdmissionRule.objects.create(
        region=world["region_amersfoort"], platform_name="Impact Amersfoort", mode=AdmissionMode.LABEL,
        accepted_schemes=[Scheme.PSO_30, Scheme.CEDRIS])
