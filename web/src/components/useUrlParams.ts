/** Filters kept in the page's URL (bookmarkable, shareable, and restored by Back): read them, set one or several at once. */
import { useSearchParams } from 'react-router-dom';

type Set = (keyOrChanges: string | Record<string, string>, value?: string) => void;

export function useUrlParams(): [URLSearchParams, Set] {
  const [params, setParams] = useSearchParams();
  const set: Set = (keyOrChanges, value = '') => {
    const changes = typeof keyOrChanges === 'string' ? { [keyOrChanges]: value } : keyOrChanges;
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };
  return [params, set];
}
