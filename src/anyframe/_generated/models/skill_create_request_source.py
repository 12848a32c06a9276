from typing import Literal

SkillCreateRequestSource = Literal["git", "inline"]

SKILL_CREATE_REQUEST_SOURCE_VALUES: set[SkillCreateRequestSource] = {
    "git",
    "inline",
}


def check_skill_create_request_source(value: str) -> SkillCreateRequestSource:
    if value in SKILL_CREATE_REQUEST_SOURCE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {SKILL_CREATE_REQUEST_SOURCE_VALUES!r}")
