// One Node process that stays up for a whole validation run (scripts/validate/prose.py starts it and talks to it),
// for the two Node linters of `make validate`: textlint (Japanese prose) and markdownlint (Markdown style).
//
// Why: the command-line tools load their rules (textlint also the Japanese dictionary, kuromoji) on every start,
// about a second, and the tests validate dozens of small trees in one process. Kept running, they lint a page in a
// fraction of that. textlint is loaded on its first request only.
//
// Protocol, one JSON document per line, each answered by one line, in order:
//   {"texts": ["...", ...]}                    -> [[[line, rule, message], ...], ...]    (textlint, one list per text)
//   {"markdown": ["...", ...], "config": {...}} -> [[[line, rule, message], ...], ...]    (markdownlint, its config)
// and {"error": "..."} if linting failed.
import { createInterface } from "node:readline";
import { lint as markdownlint } from "markdownlint/promise";
import { createLinter, loadTextlintrc } from "textlint";

const configFilePath = process.argv[2];
let textlint = null;

async function lintProse(texts) {
  textlint ??= createLinter({ descriptor: await loadTextlintrc({ configFilePath }) });
  const answer = [];
  for (const text of texts) {
    // A Markdown file name tells textlint which plugin reads the text.
    const result = await textlint.lintText(text, "page.md");
    // The rule without its preset's prefix, the message's first line with its spaces collapsed.
    answer.push(result.messages.map((m) => [m.line, String(m.ruleId ?? "").replace(/^ja-technical-writing\//, ""),
      String(m.message ?? "").split("\n")[0].split(/\s+/).filter(Boolean).join(" ")]));
  }
  return answer;
}

async function lintMarkdown(texts, config) {
  const results = await markdownlint({ strings: Object.fromEntries(texts.map((text, i) => [String(i), text])), config });
  // The message as markdownlint-cli2 prints it: description [detail] [Context: "…"].
  return texts.map((_, i) => results[String(i)].map((e) => [e.lineNumber, e.ruleNames[0],
    [e.ruleDescription, e.errorDetail && `[${e.errorDetail}]`, e.errorContext && `[Context: "${e.errorContext}"]`]
      .filter(Boolean).join(" ")]));
}

for await (const line of createInterface({ input: process.stdin })) {
  let answer;
  try {
    const request = JSON.parse(line);
    answer = request.markdown ? await lintMarkdown(request.markdown, request.config) : await lintProse(request.texts);
  } catch (error) {
    answer = { error: String(error && error.stack ? error.stack : error) };
  }
  process.stdout.write(JSON.stringify(answer) + "\n");
}
