#!/usr/bin/env python3
"""Writes a synthetic OpenAPI 3.0 spec of RESOURCES resources to stdout, for measuring how
`specgen check` scales with a document's size (scripts/bench-check.sh).

    scripts/synthetic-spec.py RESOURCES > spec.yaml

Every resource brings the same shapes real specs are made of, so the document grows
linearly: a component schema with typed properties, an enum, a nested object, an array of
references to the previous resource, property and object examples, a list schema, and five
operations over two paths with query, path and header parameters, request bodies and 2xx/4xx
responses sharing one error schema. One resource in ten carries faults that `check` reports
(an example that fails its schema, an undeclared example property, a duplicated enum value),
so findings, and locating them, scale with the document too. The output is deterministic.
"""

import sys


def resource(i: int) -> tuple[str, str]:
    """The component schemas and the paths of resource `i`, as YAML text."""
    name = f"Resource{i}"
    faulty = i % 10 == 0
    previous = f"Resource{i - 1}" if i > 0 else name
    state_values = ["active", "frozen", "closed"] + (["frozen"] if faulty else [])
    count_example = '"many"' if faulty else "12"
    extra = "\n          nickname: Ann" if faulty else ""
    schemas = f"""\
    {name}:
      type: object
      description: Resource number {i}, with the shapes a real API returns.
      required: [id, state, createdAt]
      properties:
        id:
          type: string
          format: uuid
          example: 3fa85f64-5717-4562-b3fc-2c963f66a{i % 1000:03d}
        state:
          type: string
          enum: [{", ".join(state_values)}]
          example: active
        createdAt:
          type: string
          format: date-time
          example: "2024-05-01T12:00:00Z"
        count:
          type: integer
          format: int32
          minimum: 0
          example: {count_example}
        amount:
          type: number
          nullable: true
          example: 12.5
        labels:
          type: array
          items:
            type: string
          example: [a, b]
        owner:
          type: object
          properties:
            name:
              type: string
              maxLength: 64
            email:
              type: string
              format: email
          example:
            name: Ann
            email: ann@example.com
        related:
          type: array
          items:
            $ref: '#/components/schemas/{previous}'
      example:
        id: 3fa85f64-5717-4562-b3fc-2c963f66afa6
        state: frozen
        createdAt: "2024-05-01T12:00:00Z"
        owner:
          name: Ann{extra}
    {name}List:
      type: object
      required: [items]
      properties:
        items:
          type: array
          items:
            $ref: '#/components/schemas/{name}'
        next:
          type: string
          nullable: true
"""
    errors = """\
        '400':
          $ref: '#/components/responses/BadRequest'
        '404':
          $ref: '#/components/responses/NotFound'"""
    paths = f"""\
  /resources{i}:
    get:
      operationId: list{name}
      summary: Lists resources of kind {i}.
      tags: [r{i % 20}]
      parameters:
        - name: limit
          in: query
          schema:
            type: integer
            minimum: 1
            maximum: 100
          example: 10
        - name: state
          in: query
          schema:
            type: string
            enum: [active, frozen, closed]
        - $ref: '#/components/parameters/RequestId'
      responses:
        '200':
          description: One page.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/{name}List'
{errors}
    post:
      operationId: create{name}
      summary: Creates a resource of kind {i}.
      requestBody:
        required: true
        content:
          application/json:
            schema:
              $ref: '#/components/schemas/{name}'
            example:
              id: 3fa85f64-5717-4562-b3fc-2c963f66afa6
              state: active
              createdAt: "2024-05-01T12:00:00Z"
      responses:
        '201':
          description: Created.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/{name}'
{errors}
  /resources{i}/{{id}}:
    parameters:
      - name: id
        in: path
        required: true
        schema:
          type: string
          format: uuid
    get:
      operationId: get{name}
      responses:
        '200':
          description: The resource.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/{name}'
{errors}
    put:
      operationId: replace{name}
      requestBody:
        content:
          application/json:
            schema:
              $ref: '#/components/schemas/{name}'
      responses:
        '200':
          description: Replaced.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/{name}'
{errors}
    delete:
      operationId: delete{name}
      responses:
        '204':
          description: Deleted.
{errors}
"""
    return schemas, paths


def main() -> None:
    if len(sys.argv) != 2 or not sys.argv[1].isdigit() or int(sys.argv[1]) < 1:
        sys.exit("usage: synthetic-spec.py RESOURCES  (a positive number)")
    count = int(sys.argv[1])
    parts = [resource(i) for i in range(count)]
    out = sys.stdout
    out.write(
        f"""\
openapi: 3.0.3
info:
  title: Synthetic API with {count} resources
  version: 1.0.0
servers:
  - url: https://api.example.com/v1
security:
  - bearer: []
paths:
"""
    )
    for _, paths in parts:
        out.write(paths)
    out.write(
        """\
components:
  securitySchemes:
    bearer:
      type: http
      scheme: bearer
  parameters:
    RequestId:
      name: X-Request-Id
      in: header
      schema:
        type: string
        format: uuid
  responses:
    BadRequest:
      description: The request is malformed.
      content:
        application/json:
          schema:
            $ref: '#/components/schemas/Error'
          example:
            error: bad_request
            requestId: 1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed
    NotFound:
      description: No such resource.
      content:
        application/json:
          schema:
            $ref: '#/components/schemas/Error'
  schemas:
    Error:
      type: object
      required: [error, requestId]
      properties:
        error:
          type: string
        requestId:
          type: string
          format: uuid
"""
    )
    for schemas, _ in parts:
        out.write(schemas)


if __name__ == "__main__":
    main()
