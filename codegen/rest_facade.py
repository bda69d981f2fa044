"""The typed facade of one REST namespace, generated from its bundled spec.

Each tag becomes a resource class (sync and async) whose methods take path parameters
positionally and query parameters and body fields as keyword arguments, check them, and call a
transport. ``dicts.py`` holds a TypedDict per body model, accepted wherever the model is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from openapi_python_client.strings import ClassName, PythonIdentifier

from .bundle import SpecError
from .render import render

Json = Any
_METHODS = ("get", "put", "post", "patch", "delete")
_SAFE = {"get", "put", "delete"}
_SCHEMAS = "#/components/schemas/"


def class_name(key: str) -> str:
    return str(ClassName(key, "field_"))


def module_name(key: str) -> str:
    return str(PythonIdentifier(class_name(key), "field_"))


def py_name(key: str) -> str:
    return str(PythonIdentifier(key, "field_"))


def singular(word: str) -> str:
    for end, repl in (("ies", "y"), ("sses", "ss"), ("xes", "x"), ("ches", "ch"), ("shes", "sh"), ("s", "")):
        if word.endswith(end) and not word.endswith("ss"):
            return word[: -len(end)] + repl
    return word


def doc_text(text: object) -> str:
    """A spec description made safe inside a generated docstring."""
    return " ".join(str(text or "").replace("\\", "\\\\").replace('"""', "'''").split())


@dataclass
class Arg:
    key: str  # JSON / wire name
    name: str  # Python keyword
    type: str  # annotation of the keyword
    required: bool
    where: str  # path | query | body | params (inside the body's ``params`` object of a command)
    check: str = ""  # runtime check of a query value: str, int, float, bool
    doc: str = ""
    schema: Json = None

    def __post_init__(self) -> None:
        self.doc = doc_text(self.doc)


@dataclass
class Op:
    name: str
    op_id: str
    verb: str
    path: str
    summary: str
    args: list[Arg]
    body: str | None  # expression that checks the JSON body (a model's or a union's from_dict)
    body_form: bool
    body_whole: bool  # the body is one argument (not an object with properties)
    returns: str | None  # annotation of the answer
    parse: str | None  # expression that builds the answer from JSON
    page_item: str | None  # annotation of one item when the answer is a page
    imports: list[str]  # model classes the method needs at run time
    retry: bool
    fixed: dict[str, str] = field(default_factory=dict)  # body keys with a fixed value (command)
    generated_ids: list[str] = field(default_factory=list)  # keys filled with a new id when not given
    text_answer: bool = False  # the answer may be a text line instead of JSON
    answer_imports: list[str] = field(default_factory=list)  # model classes of the answer only
    body_schema: str | None = None  # component key of the request body
    has_params: bool = False  # a command whose body carries a ``params`` object


@dataclass
class Resource:
    tag: str
    cls: str
    doc: str
    ops: list[Op]


class Types:
    """Python annotations of spec schemas, for keyword arguments and TypedDicts."""

    def __init__(self, schemas: dict[str, Json], swml_dicts: dict[str, str]) -> None:
        self.schemas = schemas
        self.swml_dicts = swml_dicts
        self.models: set[str] = set()
        self.dicts: set[str] = set()
        self.swml: set[str] = set()

    def kind(self, key: str) -> str:
        s = self.schemas[key]
        if s.get("x-swml"):
            return "swml"
        if s.get("type") == "object" and s.get("properties"):
            return "model"
        if s.get("type") == "object" and s.get("additionalProperties", True) is not False:
            return "map"
        if s.get("type") == "object":
            return "model"
        return "alias"

    def of(self, s: Json, *, dict_only: bool = False) -> str:
        if not isinstance(s, dict) or not s:
            return "JsonValue"
        ref = s.get("$ref")
        if isinstance(ref, str):
            key = ref[len(_SCHEMAS) :]
            kind = self.kind(key)
            if kind == "swml":
                self.swml.add(key)
                dict_type = self.swml_dicts.get(key, "JsonObject")
                return dict_type if dict_only else f"_swml.{key} | {dict_type}"
            if kind == "map":
                return self.of(self.schemas[key], dict_only=dict_only)
            if kind == "alias":
                return self.of(self.schemas[key], dict_only=dict_only)
            self.dicts.add(key)
            if dict_only:
                return f"{class_name(key)}Dict"
            self.models.add(key)
            return f"{class_name(key)} | {class_name(key)}Dict"
        for union in ("oneOf", "anyOf"):
            if union in s:
                return _join(self.of(m, dict_only=dict_only) for m in s[union])
        if "const" in s:
            return f"Literal[{_lit(s['const'])}]"
        if "enum" in s:
            return f"Literal[{', '.join(_lit(v) for v in s['enum'])}]"
        t = s.get("type")
        if isinstance(t, list):
            return _join(self.of({**s, "type": x}, dict_only=dict_only) for x in t)
        if t == "string":
            return "datetime.datetime | str" if s.get("format") == "date-time" and not dict_only else "str"
        if t == "integer":
            return "int"
        if t == "number":
            return "float"
        if t == "boolean":
            return "bool"
        if t == "null":
            return "None"
        if t == "array":
            return f"list[{self.of(s.get('items', {}), dict_only=dict_only)}]"
        if t == "object":
            extra = s.get("additionalProperties", True)
            if isinstance(extra, dict) and extra:
                return f"dict[str, {self.of(extra, dict_only=dict_only)}]"
            return "JsonObject"
        return "JsonValue"

    def parser(self, key: str) -> tuple[str, str, set[str]]:
        """Annotation, JSON-to-model expression and model keys of a named answer or body schema."""
        s = self.schemas[key]
        kind = self.kind(key)
        if kind == "model":
            self.models.add(key)
            return class_name(key), f"{class_name(key)}.from_dict", {key}
        members = s.get("oneOf") or s.get("anyOf")
        if kind == "alias" and members and all(_ref_key(m) for m in members):
            parts = [self.parser(str(_ref_key(m))) for m in members]
            annotation = " | ".join(p[0] for p in parts)
            expr = f"_rt.one_of({', '.join(p[1] for p in parts)})"
            return annotation, expr, set().union(*(p[2] for p in parts))
        raise SpecError(f"{key}: an answer or body must be an object model or a oneOf of them")


def _join(parts: Any) -> str:
    out: list[str] = []
    for part in parts:
        for p in part.split(" | "):
            if p not in out:
                out.append(p)
    if "None" in out:
        out.remove("None")
        out.append("None")
    return " | ".join(out)


def _lit(v: object) -> str:
    return repr(v) if not isinstance(v, str) else '"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _resolve(doc: Json, node: Json) -> Json:
    while isinstance(node, dict) and "$ref" in node:
        parts = node["$ref"][2:].split("/")
        node = doc
        for p in parts:
            node = node[p]
    return node


def _ref_key(s: Json) -> str | None:
    ref = s.get("$ref") if isinstance(s, dict) else None
    return ref[len(_SCHEMAS) :] if isinstance(ref, str) and ref.startswith(_SCHEMAS) else None


def _method_name(op_id: str, tag: str) -> str:
    words = op_id.split("_")
    for variant in (tag.split("_"), singular(tag).split("_")):
        n = len(variant)
        for i in range(1, len(words) - n + 1):
            if words[i : i + n] == variant:
                rest = words[:i] + words[i + n :]
                return "_".join(rest)
    return op_id


def _check_of(schema: Json) -> str:
    t = schema.get("type")
    return {"integer": "int", "number": "float", "boolean": "bool"}.get(
        t if isinstance(t, str) else "", "str"
    )


def _operation(doc: Json, types: Types, path: str, verb: str, op: Json, item: Json) -> tuple[str, Op]:
    tags = op.get("tags") or []
    if len(tags) != 1:
        raise SpecError(f"{verb.upper()} {path}: needs exactly one tag (the facade resource), has {tags}")
    tag = tags[0]
    op_id = op["operationId"]
    args: list[Arg] = []
    for raw in [*item.get("parameters", []), *op.get("parameters", [])]:
        p = _resolve(doc, raw)
        if p["in"] not in ("path", "query"):
            continue
        schema = p.get("schema", {})
        args.append(
            Arg(
                key=p["name"],
                name=py_name(p["name"]),
                type=types.of(schema),
                required=bool(p.get("required")),
                where=p["in"],
                check=_check_of(schema),
                doc=p.get("description", ""),
                schema=schema,
            )
        )
    body_key = None
    body_check = None
    imports: set[str] = set()
    form = False
    whole = False
    fixed: dict[str, str] = {}
    ids: list[str] = []
    content = (_resolve(doc, op.get("requestBody", {})) or {}).get("content", {})
    if content:
        media = "application/json" if "application/json" in content else next(iter(sorted(content)))
        form = media == "application/x-www-form-urlencoded"
        schema = content[media].get("schema", {})
        body_key = _ref_key(schema)
        if body_key is None:
            raise SpecError(f"{op_id}: the request body must $ref a named component schema")
        body = types.schemas[body_key]
        _, body_check, needed = types.parser(body_key)
        imports |= needed
        if types.kind(body_key) == "model":
            types.dicts.add(body_key)
        if "x-commands" in op:
            pass
        elif body.get("type") == "object" and body.get("properties"):
            required = set(body.get("required", []))
            for key, sub in body["properties"].items():
                assert isinstance(key, str)
                if sub.get("readOnly"):
                    continue
                if "const" in sub and key in required:
                    fixed[key] = _lit(sub["const"])
                    continue
                if key == "control_id" and key not in required:
                    ids.append(key)
                args.append(
                    Arg(
                        key,
                        py_name(key),
                        types.of(sub),
                        key in required,
                        "body",
                        doc=sub.get("description", ""),
                    )
                )
        else:
            whole = True
            args.append(Arg("body", "body", types.of(schema), True, "body", schema=schema))
    returns = parse = page_item = None
    answer_imports: list[str] = []
    for status in ("200", "201", "202"):
        resp = _resolve(doc, op.get("responses", {}).get(status))
        if resp:
            schema = (resp.get("content") or {}).get("application/json", {}).get("schema")
            if schema is not None:
                key = _ref_key(schema)
                if key is None:
                    raise SpecError(f"{op_id}: the {status} answer must $ref a named component schema")
                returns, parse, needed = types.parser(key)
                imports |= needed
                answer_imports = sorted(needed)
                props = types.schemas[key].get("properties", {})
                item = _ref_key(props.get("data", {}).get("items", {})) if "data" in props else None
                if verb == "get" and item and _ref_key(props.get("links", {})) == "PaginationLinks":
                    page_item = types.parser(item)[0]
            break
    names = [a.name for a in args]
    if len(set(names)) != len(names):
        raise SpecError(f"{op_id}: two parameters map to one Python name: {sorted(names)}")
    return tag, Op(
        name=_method_name(op_id, tag),
        op_id=op_id,
        verb=verb.upper(),
        path=path,
        summary=doc_text(op.get("summary") or op.get("description", "")),
        args=args,
        body=body_check,
        body_form=form,
        body_whole=whole,
        returns=returns,
        parse=parse,
        page_item=page_item,
        imports=sorted(imports),
        answer_imports=answer_imports,
        body_schema=body_key,
        retry=verb in _SAFE or bool(op.get("x-retry-safe")),
        fixed=fixed,
        generated_ids=ids,
    )


def _object_args(types: Types, s: Json, where: str, ids: list[str]) -> list[Arg]:
    """Keyword arguments for the properties of an object schema, or of every member of a union.

    In a union (dial by ``url`` or by ``swml``) a key is required only when every member needs it;
    the checked ``from_dict`` of the whole body then tells which member the arguments make.
    """
    s = types.schemas[str(_ref_key(s))] if _ref_key(s) else s
    members = [types.schemas[str(_ref_key(m))] for m in s.get("oneOf") or s.get("anyOf") or []] or [s]
    args: dict[str, Arg] = {}
    for m in members:
        for k, sub in (m.get("properties") or {}).items():
            if sub.get("readOnly") or k in args:
                continue
            if sub.get("x-client-generated"):
                ids.append(k)
            required = all(k in x.get("required", []) for x in members) and k not in ids
            doc = sub.get("description", "")
            args[k] = Arg(k, py_name(k), types.of(sub), required, where, doc=doc, schema=sub)
    return list(args.values())


def _commands(doc: Json, types: Types, path: str, op: Json, template: Op) -> list[Op]:
    """One method per command of an endpoint whose body ``command`` selects the action."""
    out = []
    text = set(op.get("x-text-answers", []))
    for name, key in op["x-commands"].items():
        s = types.schemas[key]
        props = s.get("properties", {})
        command = props.get("command", {})
        values = command.get("enum") or ([command["const"]] if "const" in command else [])
        if len(values) != 1:
            raise SpecError(f"x-commands {name}: {key}.command must be one fixed value")
        ids: list[str] = []
        args: list[Arg] = []
        if "id" in props:
            args.append(Arg("id", "call_id", "str", True, "body", doc="Id of the call.", schema=props["id"]))
        params = props.get("params")
        swml_params = (
            bool(params) and _ref_key(params) is not None and types.kind(str(_ref_key(params))) == "swml"
        )
        if swml_params:
            # SWML verb options (ai_sidecar, live_translate...): one argument, the SWML model or its dict.
            args.append(Arg("params", "params", types.of(params), True, "body", schema=params))
        elif params:
            args += _object_args(types, params, "params", ids)
        _, check, needed = types.parser(key)
        out.append(
            Op(
                name=name,
                op_id=template.op_id,
                verb=template.verb,
                path=path,
                summary=doc_text(s.get("description") or name),
                args=args,
                body=check,
                body_form=False,
                body_whole=False,
                returns=template.returns,
                parse=template.parse,
                page_item=None,
                imports=sorted(set(template.answer_imports) | needed),
                retry=template.retry,
                fixed={"command": _lit(values[0])},
                generated_ids=ids,
                text_answer=name in text,
                body_schema=key,
                has_params="params" in props and not swml_params,
            )
        )
    return out


def resources(doc: Json, types: Types) -> list[Resource]:
    by_tag: dict[str, list[Op]] = {}
    for path, item in sorted(doc.get("paths", {}).items()):
        for verb in _METHODS:
            if verb in item:
                tag, op = _operation(doc, types, path, verb, item[verb], item)
                if "x-commands" in item[verb]:
                    by_tag.setdefault(tag, []).extend(_commands(doc, types, path, item[verb], op))
                else:
                    by_tag.setdefault(tag, []).append(op)
    docs = {t["name"]: t.get("description", "") for t in doc.get("tags", [])}
    out = []
    for tag, ops in sorted(by_tag.items()):
        seen: dict[str, str] = {}
        for op in ops:
            if op.name in seen:
                raise SpecError(f"{op.op_id} and {seen[op.name]} both become {tag}.{op.name}; rename one")
            seen[op.name] = op.op_id
        cls = "".join(w.capitalize() for w in tag.split("_")) + "Resource"
        out.append(Resource(tag, cls, docs.get(tag, ""), ops))
    return out


_PATH_PARAM = re.compile(r"\{([^}]+)\}")


def _segment(m: re.Match[str]) -> str:
    return "{_rt.segment(" + py_name(m[1]) + ', "' + m[1] + '")}'


@dataclass
class Mount:
    """Where a namespace's resources appear on the client."""

    attr: str
    stem: str
    cls: str
    doc: str
    module: str  # module of the class inside the namespace package

    @property
    def type_name(self) -> str:
        """The class's name inside the root module: every namespace's class is called Namespace, so
        those are imported under a name of their own (FabricNamespace, DatasphereNamespace)."""
        return class_name(self.stem) + self.cls if self.cls == "Namespace" else self.cls


# The RELAY REST resources sit on the client itself (client.phone_numbers), as users know them.
_AT_ROOT = {"relay_rest"}


def mounts(doc: Json, stem: str) -> list[Mount]:
    """``client.<stem>`` for a namespace, ``client.<tag>`` for each resource of a root namespace,
    and the resource itself for a namespace of one resource named like it (``client.calling``)."""
    types = Types(doc["components"]["schemas"], {})
    res = resources(doc, types)
    title = doc.get("info", {}).get("title", stem)
    if stem in _AT_ROOT:
        return [Mount(r.tag, stem, r.cls, r.doc or r.tag, f"resources.{r.tag}") for r in res]
    if len(res) == 1 and res[0].tag == stem:
        return [Mount(stem, stem, res[0].cls, res[0].doc or title, f"resources.{stem}")]
    return [Mount(stem, stem, "Namespace", title, "facade")]


def root_module(all_mounts: list[Mount], head: str) -> str:
    seen: dict[str, str] = {}
    for m in all_mounts:
        if m.attr in seen:
            raise SpecError(f"client.{m.attr} is offered by both {seen[m.attr]} and {m.stem}")
        seen[m.attr] = m.stem
    return render("rest/root.py.jinja2", header=head, mounts=sorted(all_mounts, key=lambda m: m.attr))


def facade_module(doc: Json, stem: str, head: str, swml_dicts: dict[str, str]) -> dict[str, str]:
    """The facade modules (a namespace module and one per resource) and the TypedDicts of a namespace."""
    schemas = doc["components"]["schemas"]
    types = Types(schemas, swml_dicts)
    res = resources(doc, types)
    for r in res:
        for op in r.ops:
            for arg in op.args:
                # Arguments are read only: a Sequence also takes a list[Subclass] or a tuple.
                arg.type = re.sub(r"\blist\[", "Sequence[", arg.type)
            if op.returns:
                op.returns = re.sub(r"\blist\[", "builtins.list[", op.returns)
            op.path = _PATH_PARAM.sub(
                lambda m: "{_rt.segment(" + py_name(m[1]) + ', "' + m[1] + '")}', op.path
            )
    # TypedDicts for every object model reachable from a body.
    todo = sorted(types.dicts)
    typed: dict[str, list[tuple[str, str, bool]]] = {}
    while todo:
        key = todo.pop()
        if key in typed:
            continue
        s = schemas[key]
        required = set(s.get("required", []))
        before = set(types.dicts)
        fields = [
            (k, types.of(sub, dict_only=True), k in required)
            for k, sub in (s.get("properties") or {}).items()
            if not sub.get("readOnly")
        ]
        typed[key] = fields
        todo.extend(sorted(set(types.dicts) - before - set(typed)))
    modules = {
        f"resources/{r.tag}.py": render(
            "rest/facade.py.jinja2",
            header=head,
            stem=stem,
            resources=[r],
            models=sorted(types.models),
            module_name=module_name,
            class_name=class_name,
            uses_swml=bool(types.swml),
        )
        for r in res
    }
    modules["resources/__init__.py"] = f'{head}\n"""One module per resource of the {stem} namespace."""\n'
    modules["facade.py"] = render("rest/namespace.py.jinja2", header=head, stem=stem, resources=res)
    dicts = render(
        "rest/dicts.py.jinja2",
        header=head,
        typed=sorted(typed.items()),
        class_name=class_name,
        descriptions={k: schemas[k].get("description", "") for k in typed},
        uses_swml=bool(types.swml),
    )
    modules["dicts.py"] = dicts
    return modules
