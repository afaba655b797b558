"""Coded values of the registry (the ledger's Chinese labels are the display names)."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Relationship(models.TextChoices):
    HEAD = "head", _("Head of household")
    SPOUSE = "spouse", _("Spouse")
    CHILD = "child", _("Child")
    PARENT = "parent", _("Parent")
    SIBLING = "sibling", _("Sibling")
    GRANDPARENT = "grandparent", _("Grandparent")
    GRANDCHILD = "grandchild", _("Grandchild")
    OTHER = "other", _("Other")


class WorkStatus(models.TextChoices):
    EMPLOYED = "employed", _("Employed")
    LAID_OFF = "laid_off", _("Laid off")
    UNEMPLOYED = "unemployed", _("Unemployed")
    RETIRED = "retired", _("Retired")
    FLEXIBLE = "flexible", _("Flexible employment")
    MIGRANT = "migrant", _("Migrant worker")
    IDLE = "idle", _("Not working")
    STUDENT = "student", _("In school")
    PRESCHOOL = "preschool", _("Preschool")


class Health(models.TextChoices):
    HEALTHY = "healthy", _("Healthy")
    FAIR = "fair", _("Fair")
    ILL = "ill", _("Ill")
    SERIOUS_ILLNESS = "serious_illness", _("Serious illness")


class DisabilityType(models.TextChoices):
    NONE = "", _("None")
    VISUAL = "visual", _("Visual")
    HEARING = "hearing", _("Hearing")
    SPEECH = "speech", _("Speech")
    PHYSICAL = "physical", _("Physical")
    INTELLECTUAL = "intellectual", _("Intellectual")
    MENTAL = "mental", _("Mental")
    MULTIPLE = "multiple", _("Multiple")


class MedicalInsurance(models.TextChoices):
    EMPLOYEE = "employee", _("Employees' basic medical insurance")
    RESIDENT = "resident", _("Residents' basic medical insurance")
    NONE = "none", _("No medical insurance")


class Schooling(models.TextChoices):
    NONE = "", _("Not in school")
    PRESCHOOL = "preschool", _("Kindergarten")
    PRIMARY = "primary", _("Primary school")
    JUNIOR = "junior", _("Junior middle school")
    SENIOR = "senior", _("Senior high school")
    VOCATIONAL = "vocational", _("Vocational school")
    UNIVERSITY = "university", _("University")


class ModelWorker(models.TextChoices):
    NONE = "", _("None")
    NATIONAL = "national", _("National model worker")
    PROVINCIAL = "provincial", _("Provincial model worker")
    CITY = "city", _("City model worker")


class Housing(models.TextChoices):
    OWNED = "owned", _("Own home")
    PUBLIC_RENTAL = "public_rental", _("Public rental")
    PRIVATE_RENTAL = "private_rental", _("Private rental")
    WITH_RELATIVES = "with_relatives", _("Living with relatives")
    OTHER = "other", _("Other")


class AreaBand(models.TextChoices):
    UNDER_30 = "lt30", _("Under 30 m²")
    FROM_30_TO_60 = "30-60", _("30–60 m²")
    FROM_60_TO_90 = "60-90", _("60–90 m²")
    OVER_90 = "gt90", _("Over 90 m²")


class IncomeSource(models.TextChoices):
    WAGE = "wage", _("Wages and business income")
    PENSION = "pension", _("Basic residents' pension (not counted)")
    UNION_AID = "union_aid", _("Union aid")
    OTHER = "other", _("Other income")


class ExpenseKind(models.TextChoices):
    MEDICAL = "medical", _("Medical")
    EDUCATION = "education", _("Education")


class Channel(models.TextChoices):
    ONLINE = "online", _("Worker online")
    UNION_WINDOW = "union_window", _("Union window")
    CIVIL_AFFAIRS_WINDOW = "civil_affairs_window", _("Civil affairs window")
    HRSS_WINDOW = "hrss_window", _("Human resources window")
    DISABLED_FEDERATION_WINDOW = "disabled_federation_window", _("Disabled persons' federation window")
    OTHER_WINDOW = "other_window", _("Other department window")
    IMPORT = "import", _("Ledger import")


class CaseStatus(models.TextChoices):
    APPLIED = "applied", _("Applied")
    VISITED = "visited", _("Home visit recorded")
    PEER_REVIEWED = "peer_reviewed", _("Peer review recorded")
    IN_NOTICE = "in_notice", _("In public notice")
    NOTICED = "noticed", _("Public notice finished")
    OPEN = "open", _("Open")
    EXIT_PROPOSED = "exit_proposed", _("Exit proposed")
    EXITED = "exited", _("Exited")
    CLOSED = "closed", _("Closed")
    REJECTED = "rejected", _("Rejected")


class Level(models.TextChoices):
    NATIONAL = "national", _("National")
    PROVINCIAL = "provincial", _("Provincial")
    CITY = "city", _("City")
    COUNTY = "county", _("County")
    GRASSROOTS = "grassroots", _("Grassroots")


class Category(models.TextChoices):
    DEEP = "deep", _("Deep hardship")
    RELATIVE = "relative", _("Relative hardship")
    ACCIDENT = "accident", _("Hardship from an accident")


class Cause(models.IntegerChoices):
    """致困原因, domain.md §3."""

    NO_WORK_CAPACITY = 1, _("Unable to work")
    ABLE_BUT_NOT_EMPLOYED = 2, _("Able to work but not employed")
    LAID_OFF = 3, _("Laid off or unemployed")
    NO_SOCIAL_INSURANCE = 4, _("Not in social insurance")
    INSURANCE_NOT_DELIVERED = 5, _("Social insurance benefits not delivered")
    SERIOUS_ILLNESS = 6, _("Serious illness")
    NATURAL_DISASTER = 7, _("Natural disaster")
    ACCIDENT = 8, _("Accident")
    CHILDREN_IN_SCHOOL = 9, _("Children in school")
    OTHER = 10, _("Other")


class Track(models.TextChoices):
    """四个一批, domain.md §3."""

    EMPLOYMENT = "employment", _("Employment and entrepreneurship")
    SOCIAL_INSURANCE = "social_insurance", _("Social-insurance coverage")
    MEDICAL_MUTUAL_AID = "medical_mutual_aid", _("Serious-illness insurance and medical mutual aid")
    SAFETY_NET = "safety_net", _("Social-assistance safety net")


phone_validator = RegexValidator(r"^\+?[0-9-]{7,20}$", _("Enter a valid phone number."), code="invalid_phone")

# A household has at most one case that is not finished (open or on its way there).
ACTIVE_CASE_STATUSES = [
    CaseStatus.APPLIED,
    CaseStatus.VISITED,
    CaseStatus.PEER_REVIEWED,
    CaseStatus.IN_NOTICE,
    CaseStatus.NOTICED,
    CaseStatus.OPEN,
    CaseStatus.EXIT_PROPOSED,
]
# Statuses that leave active lists and default searches; they stay in the archive.
ARCHIVED_CASE_STATUSES = [CaseStatus.EXITED, CaseStatus.CLOSED]
