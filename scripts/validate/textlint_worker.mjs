// One textlint that stays up for a whole validation run (scripts/validate/prose.py starts it and talks to it).
//
// Why: the command-line textlint loads its rules and the Japanese dictionary (kuromoji) on every start, about a
// second, and the tests validate dozens of small trees in one process. Kept running, textlint lints a page in a
// fraction of that.
//
// Protocol, one JSON document per line: the request {"texts": ["...", ...]} gets the answer
// [[[line, ruleId, message], ...], ...], one list of findings per text, in order; {"error": "..."} if linting failed.
import { createInterface } from "node:readline";
import { createLinter, loadTextlintrc } from "textlint";

const configFilePath = process.argv[2];
const descriptor = await loadTextlintrc({ configFilePath });
const linter = createLinter({ descriptor });

for await (const line of createInterface({ input: process.stdin })) {
  let answer;
  try {
    const { texts } = JSON.parse(line);
    answer = [];
    for (const text of texts) {
      // A Markdown file name tells textlint which plugin reads the text.
      const result = await linter.lintText(text, "page.md");
      answer.push(result.messages.map((m) => [m.line, String(m.ruleId ?? ""), String(m.message ?? "")]));
    }
  } catch (error) {
    answer = { error: String(error && error.stack ? error.stack : error) };
  }
  process.stdout.write(JSON.stringify(answer) + "\n");
}
