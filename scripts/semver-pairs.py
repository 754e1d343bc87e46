#!/usr/bin/env python3
"""Writes the spec pairs of scripts/semver-oracle.sh: one pair per change kind that
`specgen diff` knows, each a small API (pets) changed in exactly one way.

    scripts/semver-pairs.py OUT_DIR     # writes OUT_DIR/<kind>/old.json and new.json
"""
import copy
import json
import os
import sys

REF = "#/components/schemas/"


def ref(name):
    return {"$ref": REF + name}


def json_body(schema, description="OK"):
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def base():
    return {
        "openapi": "3.0.3",
        "info": {"title": "Oracle", "version": "1"},
        "paths": {
            "/pets": {
                "get": {
                    "operationId": "listPets",
                    "parameters": [
                        {"name": "limit", "in": "query", "schema": {"type": "integer", "maximum": 100}},
                        {"name": "order", "in": "query", "schema": {"type": "string", "enum": ["asc", "desc"]}},
                    ],
                    "responses": {
                        "200": json_body({"type": "array", "items": ref("Pet")}),
                        "404": json_body(ref("Problem"), "None"),
                    },
                },
                "post": {
                    "operationId": "createPet",
                    "requestBody": {"required": True, "content": {"application/json": {"schema": ref("NewPet")}}},
                    "responses": {"201": json_body(ref("Pet"))},
                },
            },
            "/pets/{id}": {
                "get": {
                    "operationId": "getPet",
                    "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
                    "responses": {"200": json_body(ref("Pet"))},
                },
            },
            "/pets/{id}/feed": {
                "post": {
                    "operationId": "feedPet",
                    "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
                    "responses": {"204": {"description": "Fed"}},
                    "security": [{"apiKey": []}],
                },
            },
        },
        "components": {
            "schemas": {
                "Pet": {
                    "type": "object",
                    "required": ["id", "name"],
                    "properties": {
                        "id": {"type": "string"},
                        "name": {"type": "string"},
                        "tag": {"type": "string"},
                        "status": ref("Status"),
                        "toy": ref("Toy"),
                    },
                },
                "NewPet": {
                    "type": "object",
                    "required": ["name"],
                    "properties": {
                        "name": {"type": "string", "maxLength": 100},
                        "tag": {"type": "string"},
                        "size": ref("Size"),
                        "gift": ref("Gift"),
                    },
                },
                "Status": {"type": "string", "enum": ["available", "sold"]},
                "Size": {"type": "string", "enum": ["s", "m"]},
                "Toy": {"oneOf": [ref("Ball"), ref("Bone"), ref("Frisbee")]},
                "Gift": {"oneOf": [ref("Treat"), ref("Collar"), ref("Blanket")]},
                "Ball": {"type": "object", "required": ["size"], "properties": {"size": {"type": "integer"}}},
                "Bone": {"type": "object", "required": ["length"], "properties": {"length": {"type": "integer"}}},
                "Treat": {"type": "object", "required": ["flavor"], "properties": {"flavor": {"type": "string"}}},
                "Collar": {"type": "object", "required": ["color"], "properties": {"color": {"type": "string"}}},
                "Frisbee": {"type": "object", "required": ["diameter"], "properties": {"diameter": {"type": "number"}}},
                "Blanket": {"type": "object", "required": ["wool"], "properties": {"wool": {"type": "boolean"}}},
                "Problem": {"type": "object", "properties": {"detail": {"type": "string"}}},
                "Spare": {
                    "type": "object",
                    "required": ["a"],
                    "properties": {"a": {"type": "string"}, "b": {"type": "string"}, "c": {"type": "integer"}},
                },
            },
            "securitySchemes": {"apiKey": {"type": "apiKey", "in": "header", "name": "X-Key"}},
        },
    }


def schemas(spec):
    return spec["components"]["schemas"]


def op(spec, path, method):
    return spec["paths"][path][method]


def param(spec, path, method, name):
    return next(p for p in op(spec, path, method)["parameters"] if p["name"] == name)


def prop(spec, schema, name):
    return schemas(spec)[schema]["properties"][name]


def required(spec, schema, name, on=True):
    req = schemas(spec)[schema].setdefault("required", [])
    if on and name not in req:
        req.append(name)
    if not on and name in req:
        req.remove(name)


def rename_schema(spec, old, new):
    text = json.dumps(spec).replace('"' + REF + old + '"', '"' + REF + new + '"')
    renamed = json.loads(text)
    schemas(renamed)[new] = schemas(renamed).pop(old)
    spec.clear()
    spec.update(renamed)


def add_variant(spec, union, name, schema):
    schemas(spec)[name] = schema
    schemas(spec)[union]["oneOf"].append(ref(name))


def remove_variant(spec, union, name):
    schemas(spec)[union]["oneOf"].remove(ref(name))


ROPE = {"type": "object", "required": ["knots"], "properties": {"knots": {"type": "integer"}}}
BOW = {"type": "object", "required": ["width"], "properties": {"width": {"type": "number"}}}

# kind → (change to the old spec or None, change to the new spec)
KINDS = {
    "operation-removed": (None, lambda s: s["paths"].pop("/pets/{id}")),
    "operation-added": (None, lambda s: s["paths"].__setitem__(
        "/vets", {"get": {"operationId": "listVets", "responses": {"204": {"description": "None"}}}})),
    "operation-id-changed": (None, lambda s: op(s, "/pets/{id}", "get").__setitem__("operationId", "fetchPet")),
    "operation-path-changed": (None, lambda s: s["paths"].__setitem__("/animals/{id}", s["paths"].pop("/pets/{id}"))),
    "operation-method-changed": (None, lambda s: s["paths"]["/pets/{id}/feed"].__setitem__(
        "put", s["paths"]["/pets/{id}/feed"].pop("post"))),
    "operation-deprecated": (None, lambda s: op(s, "/pets/{id}", "get").__setitem__("deprecated", True)),
    "parameter-added-required": (None, lambda s: op(s, "/pets", "get")["parameters"].append(
        {"name": "owner", "in": "query", "required": True, "schema": {"type": "string"}})),
    "parameter-added-optional": (None, lambda s: op(s, "/pets", "get")["parameters"].append(
        {"name": "cursor", "in": "query", "schema": {"type": "string"}})),
    "parameter-added-optional-first": (None, lambda s: op(s, "/pets/{id}", "get")["parameters"].append(
        {"name": "fields", "in": "query", "schema": {"type": "string"}})),
    "parameter-removed": (None, lambda s: op(s, "/pets", "get")["parameters"].pop(0)),
    "parameter-location-changed": (None, lambda s: param(s, "/pets", "get", "limit").__setitem__("in", "header")),
    "parameter-type-changed": (None, lambda s: param(s, "/pets", "get", "limit").__setitem__("schema", {"type": "string"})),
    "parameter-became-required": (None, lambda s: param(s, "/pets", "get", "limit").__setitem__("required", True)),
    "parameter-became-optional": (lambda s: param(s, "/pets", "get", "limit").__setitem__("required", True), None),
    "parameter-enum-value-added": (None, lambda s: param(s, "/pets", "get", "order")["schema"]["enum"].append("random")),
    "parameter-enum-value-removed": (None, lambda s: param(s, "/pets", "get", "order")["schema"]["enum"].remove("desc")),
    "parameter-constraint-tightened": (None, lambda s: param(s, "/pets", "get", "limit")["schema"].__setitem__("maximum", 50)),
    "parameter-constraint-loosened": (None, lambda s: param(s, "/pets", "get", "limit")["schema"].__setitem__("maximum", 500)),
    "request-body-added": (None, lambda s: op(s, "/pets/{id}/feed", "post").__setitem__(
        "requestBody", {"required": True, "content": {"application/json": {"schema": ref("Treat")}}})),
    "request-body-removed": (lambda s: op(s, "/pets/{id}/feed", "post").__setitem__(
        "requestBody", {"required": True, "content": {"application/json": {"schema": ref("Treat")}}}), None),
    "request-body-became-optional": (None, lambda s: op(s, "/pets", "post")["requestBody"].__setitem__("required", False)),
    "request-body-became-required": (lambda s: op(s, "/pets", "post")["requestBody"].__setitem__("required", False), None),
    "request-body-media-type-changed": (None, lambda s: op(s, "/pets", "post")["requestBody"].__setitem__(
        "content", {"application/merge-patch+json": {"schema": ref("NewPet")}})),
    "request-property-added-required": (None, lambda s: (schemas(s)["NewPet"]["properties"].__setitem__(
        "owner", {"type": "string"}), required(s, "NewPet", "owner"))),
    "request-property-added-optional": (None, lambda s: schemas(s)["NewPet"]["properties"].__setitem__(
        "color", {"type": "string"})),
    "request-property-removed": (None, lambda s: schemas(s)["NewPet"]["properties"].pop("tag")),
    "request-property-became-required": (None, lambda s: required(s, "NewPet", "tag")),
    "request-property-became-optional": (None, lambda s: required(s, "NewPet", "name", False)),
    "request-property-became-nullable": (None, lambda s: prop(s, "NewPet", "tag").__setitem__("nullable", True)),
    "request-property-became-non-nullable": (lambda s: prop(s, "NewPet", "tag").__setitem__("nullable", True), None),
    "request-type-changed": (None, lambda s: schemas(s)["NewPet"]["properties"].__setitem__("tag", {"type": "integer"})),
    "request-enum-value-added": (None, lambda s: schemas(s)["Size"]["enum"].append("l")),
    "request-enum-value-removed": (None, lambda s: schemas(s)["Size"]["enum"].remove("m")),
    "request-variant-added": (None, lambda s: add_variant(s, "Gift", "Bow", BOW)),
    "request-variant-removed": (None, lambda s: remove_variant(s, "Gift", "Collar")),
    "request-variant-renamed": (None, lambda s: rename_schema(s, "Collar", "Harness")),
    "request-constraint-tightened": (None, lambda s: prop(s, "NewPet", "name").__setitem__("maxLength", 50)),
    "request-constraint-loosened": (None, lambda s: prop(s, "NewPet", "name").__setitem__("maxLength", 200)),
    "response-property-added": (None, lambda s: schemas(s)["Pet"]["properties"].__setitem__("age", {"type": "integer"})),
    "response-property-added-required": (None, lambda s: (schemas(s)["Pet"]["properties"].__setitem__(
        "age", {"type": "integer"}), required(s, "Pet", "age"))),
    "response-property-removed": (None, lambda s: schemas(s)["Pet"]["properties"].pop("tag")),
    "response-property-became-optional": (None, lambda s: required(s, "Pet", "name", False)),
    "response-property-became-required": (None, lambda s: required(s, "Pet", "tag")),
    "response-property-became-nullable": (None, lambda s: prop(s, "Pet", "tag").__setitem__("nullable", True)),
    "response-property-became-non-nullable": (lambda s: prop(s, "Pet", "tag").__setitem__("nullable", True), None),
    "response-type-changed": (None, lambda s: schemas(s)["Pet"]["properties"].__setitem__("tag", {"type": "integer"})),
    "response-enum-value-added": (None, lambda s: schemas(s)["Status"]["enum"].append("pending")),
    "response-enum-value-removed": (None, lambda s: schemas(s)["Status"]["enum"].remove("sold")),
    "response-variant-added": (None, lambda s: add_variant(s, "Toy", "Rope", ROPE)),
    "response-variant-removed": (None, lambda s: remove_variant(s, "Toy", "Bone")),
    "response-variant-renamed": (None, lambda s: rename_schema(s, "Bone", "Stick")),
    "response-status-added": (None, lambda s: op(s, "/pets", "get")["responses"].__setitem__(
        "500", json_body(ref("Problem"), "Failed"))),
    "response-status-added-first-error": (None, lambda s: op(s, "/pets/{id}", "get")["responses"].__setitem__(
        "404", json_body(ref("Problem"), "None"))),
    "response-status-removed": (None, lambda s: op(s, "/pets", "get")["responses"].pop("404")),
    "response-success-status-removed": (None, lambda s: op(s, "/pets", "post")["responses"].__setitem__(
        "200", op(s, "/pets", "post")["responses"].pop("201"))),
    "response-media-type-removed": (None, lambda s: op(s, "/pets/{id}", "get")["responses"].__setitem__(
        "200", {"description": "Text", "content": {"text/plain": {"schema": {"type": "string"}}}})),
    "component-schema-added": (None, lambda s: schemas(s).__setitem__("Vet", {"type": "object", "properties": {"name": {"type": "string"}}})),
    "component-schema-removed": (None, lambda s: schemas(s).pop("Spare")),
    "component-schema-renamed": (None, lambda s: rename_schema(s, "Spare", "Extra")),
    "schema-property-added": (None, lambda s: schemas(s)["Spare"]["properties"].__setitem__("d", {"type": "string"})),
    "schema-property-removed": (None, lambda s: schemas(s)["Spare"]["properties"].pop("b")),
    "schema-type-changed": (None, lambda s: schemas(s)["Spare"]["properties"].__setitem__("b", {"type": "integer"})),
    "generated-type-renamed": (
        lambda s: schemas(s)["Pet"]["properties"].__setitem__("mood", {"type": "string", "enum": ["calm", "wild"]}),
        lambda s: (schemas(s)["Pet"]["properties"].__setitem__("mood", {"type": "string", "enum": ["calm", "wild"]}),
                   schemas(s).__setitem__("PetMood", {"type": "object", "properties": {"note": {"type": "string"}}}))),
    "security-scheme-added": (None, lambda s: s["components"]["securitySchemes"].__setitem__(
        "bearer", {"type": "http", "scheme": "bearer"})),
    "security-scheme-removed": (None, lambda s: (s["components"]["securitySchemes"].pop("apiKey"),
                                                 op(s, "/pets/{id}/feed", "post").pop("security"))),
    "security-requirement-added": (None, lambda s: op(s, "/pets/{id}", "get").__setitem__("security", [{"apiKey": []}])),
}


def main():
    out = sys.argv[1]
    for kind, (change_old, change_new) in KINDS.items():
        old, new = base(), base()
        new["info"]["version"] = "2"
        for spec, change in ((old, change_old), (new, change_new)):
            if change:
                change(spec)
        os.makedirs(os.path.join(out, kind), exist_ok=True)
        for name, spec in (("old", old), ("new", new)):
            with open(os.path.join(out, kind, name + ".json"), "w") as f:
                json.dump(spec, f, indent=1)
    print(len(KINDS))


if __name__ == "__main__":
    main()
