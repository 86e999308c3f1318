"""Tickets, registration questions and the people who register for the demo conference.

The registrations are generated (seeded, so every run makes the same ones) rather than listed:
a hundred and sixty names spread over six weeks, with the peaks a real sale has.
"""

import random

# Sale windows are in days relative to the moment the demo is loaded; prices in CNY.
TICKET_TYPES = [
    {
        "name": "Early bird",
        "description": "All three days, lunch included. Limited seats at the early price.",
        "price": "1280.00",
        "quota": 40,
        "sale_starts_days": -45,
        "sale_ends_days": 10,
    },
    {
        "name": "Standard",
        "description": "All three days, lunch included.",
        "price": "2480.00",
        "quota": 600,
        "sale_starts_days": -45,
        "sale_ends_days": 59,
    },
    {
        "name": "Student",
        "description": "For full-time students: bring your student card to the check-in desk.",
        "price": "480.00",
        "quota": 80,
        "sale_starts_days": -45,
        "sale_ends_days": 59,
    },
]
EARLY_BIRD, STANDARD, STUDENT = (ticket["name"] for ticket in TICKET_TYPES)

UNIVERSITY = "Students: which university or school do you attend?"
LUNCH = "Lunch"
QUESTIONS = [
    {
        "label": UNIVERSITY,
        "help_text": "Only for the student ticket; we check the student card at the door.",
        "kind": "text",
        "required": False,
    },
    {
        "label": LUNCH,
        "kind": "choice",
        "choices": "Regular\nVegetarian\nHalal",
        "required": False,
    },
]

REGISTRATIONS = 160
# Of them: the last ones, still waiting for their e-mail link; some who cancel; some checked in.
PENDING = 6
CANCELLED = 4
CHECKED_IN = 28
# Registrants who want the early-bird price after it sold out: they wait for a freed seat.
WAITING_FOR_EARLY_BIRD = 6

FAMILY = [
    ("王", "wang"),
    ("李", "li"),
    ("张", "zhang"),
    ("刘", "liu"),
    ("陈", "chen"),
    ("杨", "yang"),
    ("黄", "huang"),
    ("赵", "zhao"),
    ("吴", "wu"),
    ("周", "zhou"),
    ("徐", "xu"),
    ("孙", "sun"),
    ("马", "ma"),
    ("朱", "zhu"),
    ("胡", "hu"),
    ("郭", "guo"),
]
GIVEN = [
    ("伟", "wei"),
    ("芳", "fang"),
    ("娜", "na"),
    ("敏", "min"),
    ("静", "jing"),
    ("磊", "lei"),
    ("洋", "yang"),
    ("婷", "ting"),
    ("强", "qiang"),
    ("晨", "chen"),
    ("宇航", "yuhang"),
    ("思远", "siyuan"),
    ("佳怡", "jiayi"),
    ("子涵", "zihan"),
    ("浩然", "haoran"),
    ("欣怡", "xinyi"),
]
INTERNATIONAL = [
    "Emma Schmidt",
    "Lucas Martin",
    "Olivia Brown",
    "Arjun Mehta",
    "Hannah Kim",
    "Mateo Silva",
    "Yuki Sato",
    "Noah Wilson",
    "Fatima Zahra",
    "Liam O'Connor",
    "Chloe Dubois",
    "Ivan Petrov",
    "Sara Lindqvist",
    "Omar Khalil",
    "Mia Rossi",
    "Daniel Cohen",
    "Aisha Bello",
    "Jonas Weber",
    "Priyanka Rao",
    "Ethan Park",
]
ORGANISATIONS = [
    "Huaxia Cloud",
    "Pudong Digital Finance Lab",
    "Shanghai Jiao Tong University",
    "Fudan University",
    "Zhejiang Retail Group",
    "Qiantang AI Research",
    "Jiangnan Bank",
    "Tongji Hospital IT",
    "Northbridge Analytics",
    "Kansai Vision Systems",
    "",
]
UNIVERSITIES = [
    "Fudan University",
    "Shanghai Jiao Tong University",
    "Tongji University",
    "East China Normal University",
    "Zhejiang University",
]
LUNCHES = ["Regular", "Regular", "Regular", "Vegetarian", "Halal", ""]


def _day_weights(days: int) -> list[float]:
    """Registrations per day, oldest first: the opening rush, a lull, the agenda's
    announcement two weeks ago, and the last days before the early-bird price ends."""
    weights = []
    for ago in range(days, -1, -1):
        weight = 1.0
        if ago >= days - 2:
            weight = 7.0 - (days - ago) * 2
        elif 13 <= ago <= 15:
            weight = 4.0
        elif ago <= 3:
            weight = 2.5
        weights.append(weight)
    return weights


def registrants(*, days: int = 44, seed: int = 2026) -> list[dict]:
    """The demo's registrants, oldest first: name, email, organisation, days_ago, minute
    (of that day, local) and whether they are a student."""
    rng = random.Random(seed)
    weights = _day_weights(days)
    people = []
    for index in range(REGISTRATIONS):
        if index % 4 == 3:
            name = INTERNATIONAL[index % len(INTERNATIONAL)]
            local = name.lower().replace(" ", ".").replace("'", "")
        else:
            family, family_pinyin = FAMILY[index % len(FAMILY)]
            given, given_pinyin = GIVEN[(index * 7 + index // len(FAMILY)) % len(GIVEN)]
            name = family + given
            local = f"{given_pinyin}.{family_pinyin}"
        day = rng.choices(range(len(weights)), weights=weights)[0]
        people.append(
            {
                "name": name,
                "email": f"{local}.{index:03d}@example.com",
                "organisation": ORGANISATIONS[index % len(ORGANISATIONS)],
                "days_ago": days - day,
                # Between 08:00 and 23:00 local time.
                "minute": rng.randrange(8 * 60, 23 * 60),
                "student": index % 5 == 2,
                "university": UNIVERSITIES[index % len(UNIVERSITIES)],
                "lunch": LUNCHES[index % len(LUNCHES)],
            }
        )
    people.sort(key=lambda person: (-person["days_ago"], person["minute"]))
    return people
