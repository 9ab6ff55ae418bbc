// "Bedoel je …?" for the header search: the site's own words closest to the words of a query
// that the site does not have. zoeken.js imports this module only when a query finds (almost)
// nothing, so the first search never downloads it or the word list.
const MAX_SUGGESTIONS = 3;

// Edits (a letter added, left out, changed, or two neighbours swapped) between two words;
// limit + 1 as soon as it must be more than limit.
function distance(a, b, limit) {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before = null;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let least = i;
    for (let j = 1; j <= b.length; j++) {
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (before && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, before[j - 2] + 1);
      current.push(value);
      least = Math.min(least, value);
    }
    if (least > limit) return limit + 1;
    before = previous;
    previous = current;
  }
  return previous[b.length];
}

// Fetches the site's words (most frequent first) once; resolves to a function that gives, for a
// query, the queries to offer instead: its first unknown word replaced by each of its closest site
// words (fewest edits, then most frequent), any later unknown word by its closest one. `letters`
// folds a word as the search does; words shorter than `minimum` are left alone.
export function suggester(url, letters, minimum) {
  return fetch(url).then((response) => {
    if (!response.ok) throw new Error(response.status);
    return response.json();
  }).then((words) => {
    const folded = words.map(letters);
    const known = new Set(folded);
    const closest = (word) => {
      const limit = word.length <= 5 ? 1 : 2;
      const found = [];
      folded.forEach((candidate, rank) => {
        const edits = distance(word, candidate, limit);
        if (edits <= limit) found.push([edits, rank]);
      });
      found.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
      return found.slice(0, MAX_SUGGESTIONS).map(([, rank]) => words[rank]);
    };
    return (term) => {
      const parts = term.split(/\s+/);
      const options = parts.map((part) => {
        const word = letters(part);
        return word.length < minimum || known.has(word) ? [] : closest(word);
      });
      const first = options.findIndex((close) => close.length > 0);
      if (first === -1) return [];
      return options[first].map((choice) => parts.map((part, n) => (n === first ? choice : options[n][0] || part)).join(" "));
    };
  });
}
