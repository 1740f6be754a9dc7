// Checking a Scenario file against its JSON Schema (scenario.schema.json, the same file
// the editor uses for completion and squiggles through contributes.jsonValidation), with
// Ajv. Every problem is named by its place in the JSON and by what was expected there, so
// a learner can find it: "signals[0].signal: "SIGNOPE" is not one of SIGHUP, SIGINT, ...".
import Ajv, { ErrorObject, ValidateFunction } from "ajv";
import schema from "./scenario.schema.json";
import type { Scenario } from "./scenario";

let compiled: ValidateFunction<Scenario> | undefined;

/** The schema compiled once, at the first check (not when the module loads). */
function validator(): ValidateFunction<Scenario> {
  return (compiled ??= new Ajv({ allErrors: true, verbose: true, strict: true }).compile<Scenario>(schema));
}

/** A JSON Pointer ("/signals/0/signal") as a path a reader knows: signals[0].signal. */
function jsonPath(pointer: string): string {
  let out = "";
  for (const raw of pointer.split("/").slice(1)) {
    const part = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    out += /^\d+$/.test(part) ? `[${part}]` : /^[A-Za-z_$][\w$]*$/.test(part) ? (out ? `.${part}` : part) : `[${JSON.stringify(part)}]`;
  }
  return out || "(the top level)";
}

const show = (v: unknown): string => JSON.stringify(v);

/** What was expected, in words, for one Ajv error. */
function expected(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case "additionalProperties": return `unknown field ${show(p.additionalProperty)} (expected one of ${Object.keys((e.parentSchema as { properties?: object }).properties ?? {}).join(", ")})`;
    case "required": return `missing field ${show(p.missingProperty)}`;
    case "enum": return `${show(e.data)} is not one of ${(p.allowedValues as unknown[]).map((v) => (typeof v === "string" ? v : show(v))).join(", ")}`;
    case "const": return `expected ${show(p.allowedValue)}, not ${show(e.data)}`;
    case "type": return `expected ${p.type === "integer" ? "a whole number" : `a${/^[aeiou]/.test(String(p.type)) ? "n" : ""} ${String(p.type)}`}, not ${show(e.data)}`;
    case "minimum": case "maximum": return `${show(e.data)} is out of range (expected a number ${e.keyword === "minimum" ? ">=" : "<="} ${String(p.limit)})`;
    case "pattern": return `${show(e.data)} is not a file name NAME.c in the program's folder`;
    case "oneOf": case "anyOf": return `${show(e.data)} is not ${(e.parentSchema as { description?: string }).description ?? "any of the allowed forms"}`;
    default: return e.message ?? "is not valid";
  }
}

/** The problems of one place, minus the noise of the alternatives a oneOf/anyOf tried. */
function messages(errors: ErrorObject[]): string[] {
  const unions = errors.filter((e) => e.keyword === "oneOf" || e.keyword === "anyOf").map((e) => e.instancePath);
  const kept = errors.filter((e) => (e.keyword === "oneOf" || e.keyword === "anyOf")
    || !unions.some((u) => e.instancePath === u || e.instancePath.startsWith(`${u}/`)));
  return [...new Set(kept.map((e) => `${jsonPath(e.instancePath)}: ${expected(e)}`))];
}

export type ScenarioCheck = { ok: true; scenario: Scenario } | { ok: false; errors: string[] };

/** Check parsed JSON against the Scenario schema: the scenario, or every problem found. */
export function checkScenario(value: unknown): ScenarioCheck {
  const validate = validator();
  if (validate(value)) return { ok: true, scenario: value };
  return { ok: false, errors: messages(validate.errors ?? []) };
}

/** Parse and check a scenario file's text; errors name the file and the place in it. */
export function parseScenario(file: string, text: string): ScenarioCheck {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: [`${file}: not valid JSON: ${e instanceof Error ? e.message : String(e)}`] };
  }
  const r = checkScenario(value);
  return r.ok ? r : { ok: false, errors: r.errors.map((m) => `${file}: ${m}`) };
}
