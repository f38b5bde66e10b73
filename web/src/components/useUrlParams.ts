/** Filters kept in the page's URL (bookmarkable, shareable, and restored by Back): read one, set one. */
import { useSearchParams } from 'react-router-dom';

export function useUrlParams(): [URLSearchParams, (key: string, value: string) => void] {
  const [params, setParams] = useSearchParams();
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  return [params, set];
}
