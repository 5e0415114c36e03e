// Regenerates src/main/resources/openapi/field-descriptions.json: kube's description of every field
// whose type is another schema (a $ref with a sibling description in kube's OpenAPI), which the
// generated client-java models lost. Input: the npm packages kubernetes-models and
// @kubernetes-models/apimachinery, generated from kube's OpenAPI with the descriptions as doc comments.
//
//   npm pack kubernetes-models@5.1.0 @kubernetes-models/apimachinery@3.0.2
//   mkdir api machinery && tar xzf kubernetes-models-5.1.0.tgz -C api && tar xzf kubernetes-models-apimachinery-3.0.2.tgz -C machinery
//   node api-compat/src/build/field-descriptions.mjs api/package machinery/package \
//     > api-compat/src/main/resources/openapi/field-descriptions.json
import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join, relative } from "node:path";

const [api, machinery] = process.argv.slice(2);
if (!api || !machinery) {
  console.error("usage: node field-descriptions.mjs <kubernetes-models package> <@kubernetes-models/apimachinery package>");
  process.exit(2);
}

// kube's definition name of the type a declaration file declares, from the file's folder
function definition(root, file) {
  const folder = relative(root, dirname(file)).split("/");
  const type = basename(file, ".d.ts");
  if (root === machinery) {
    return "io.k8s.apimachinery.pkg." + folder.join(".") + "." + type;
  }
  if (folder.length === 1) {
    return "io.k8s.api.core." + folder[0] + "." + type;
  }
  const [group, version] = folder;
  const special = {
    "apiextensions.k8s.io": "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions",
    "apiregistration.k8s.io": "io.k8s.kube-aggregator.pkg.apis.apiregistration",
  };
  return (special[group] ?? "io.k8s.api." + group.split(".")[0]) + "." + version + "." + type;
}

function declarations(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "_schemas" || name === "node_modules" ? [] : declarations(path);
    return name.endsWith(".d.ts") && name !== "index.d.ts" ? [path] : [];
  });
}

// the generator escapes "*" (and "/" after it) so that a description cannot close the comment
const unescape = (text) => text.replace(/\\([*/])/g, "$1");

const out = {};
for (const root of [api, machinery]) {
  for (const file of declarations(root).sort()) {
    const owner = definition(root, file);
    let inside = false;
    let comment = null;
    let open = null;
    for (const line of readFileSync(file, "utf8").split("\n")) {
      const trimmed = line.trim();
      if (open !== null) {
        if (trimmed === "*/") {
          comment = unescape(open.join("\n"));
          open = null;
        } else {
          open.push(trimmed === "*" ? "" : line.replace(/^\s*\* /, ""));
        }
        continue;
      }
      let m;
      if (/^export interface I\w+ (extends \w+ )?\{$/.test(trimmed)) {
        inside = true;
      } else if (inside && trimmed === "}") {
        break; // the class after the interface repeats the fields without descriptions
      } else if (trimmed === "/**") {
        open = [];
      } else if (inside && (m = /^"([^"]+)"\??: (.+);$/.exec(trimmed))) {
        // a field whose type is another definition, e.g. "affinity"?: IIoK8sApiCoreV1Affinity
        if (comment !== null && /^IIoK8s\w+$/.test(m[2])) {
          (out[owner] ??= {})[m[1]] = comment;
        }
        comment = null;
      }
    }
  }
}
process.stdout.write(JSON.stringify(out, null, 1) + "\n");
