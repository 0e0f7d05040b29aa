const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', nbsp: " ", "#124": "|" };

/**
 * The plain text of one Markdown table cell or heading: QMS pages link and embolden their values
 * (`[timm](https://pypi.org/project/timm/)`, `**1.0.24**`), and only the words matter to a record.
 * Single underscores stay: they belong to package names (`typing_extensions`). No pattern may scan past
 * the next delimiter of its kind, so a hostile cell costs linear time.
 */
export function stripMarkdown(text: string): string {
  return text
    .replace(/!\[([^[\]]*)\]\([^()]*\)/g, "$1")
    .replace(/\[([^[\]]*)\]\([^()]*\)/g, "$1")
    .replace(/\[([^[\]]*)\]\[[^[\]]*\]/g, "$1")
    .replace(/<((?:https?|mailto):[^<>\s]+)>/g, "$1")
    .replace(/<\/?[A-Za-z][^<>]*>/g, " ")
    .replace(/`+([^`]*)`+/g, "$1")
    .replace(/\*\*([^*]+)\*\*/g, "$1")
    .replace(/(^|[^\w])__([^_]+)__(?!\w)/g, "$1$2")
    .replace(/(^|[^\w*])\*(?!\s)([^*]+?)\*(?![\w*])/g, "$1$2")
    .replace(/(^|[^\w])_(?!\s)([^_]+?)_(?!\w)/g, "$1$2")
    .replace(/&(amp|lt|gt|quot|nbsp|#124);/g, (_, name: string) => ENTITIES[name] ?? "")
    .replace(/\\([\\`*_{}[\]()#+\-.!|<>])/g, "$1")
    .replace(/\s+/g, " ")
    .trim();
}
