"""Frozen records the reader makes by the ten thousand (a line, a cell of a line, a sentence): the `__init__`
of a frozen dataclass sets every field through `object.__setattr__`, about twice the cost of writing the
instance dict; `quick_init` gives such a class an `__init__` that writes the dict, with the same signature,
defaults and field order, so the records are the same (equal, hashed, printed and replaced alike). A class
with a default factory, `__post_init__` or slots keeps its generated `__init__`."""
from __future__ import annotations

import dataclasses


def quick_init(cls: type) -> type:
    fields = [f for f in dataclasses.fields(cls) if f.init]
    if getattr(cls, "__slots__", None) is not None or hasattr(cls, "__post_init__") \
            or any(f.default_factory is not dataclasses.MISSING for f in fields) \
            or any(not f.init or f.kw_only is True for f in dataclasses.fields(cls)):
        return cls
    params, defaults = [], {}
    for f in fields:
        if f.default is dataclasses.MISSING:
            params.append(f.name)
        else:
            defaults[f"_default_{f.name}"] = f.default
            params.append(f"{f.name}=_default_{f.name}")
    body = "\n".join(f"    d['{f.name}'] = {f.name}" for f in fields) or "    pass"
    source = f"def __init__(self, {', '.join(params)}):\n    d = self.__dict__\n{body}\n"
    namespace: dict = {}
    exec(source, dict(defaults), namespace)  # noqa: S102 -- the source is built from the class's own field names
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__doc__ = cls.__init__.__doc__
    cls.__init__ = init
    return cls


class once:  # noqa: N801 -- used like functools.cached_property
    """A value worked out on first reading and kept in the instance dict, like `functools.cached_property`
    without its lock (Python 3.11 takes one on every first reading; a record is read by one thread)."""

    def __init__(self, func) -> None:
        self.func, self.name, self.__doc__ = func, func.__name__, func.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.func(obj)
        return value
