// Loads a value for a page; `reload` reads it again (after a write, or when an outcome is uncertain).
import { useCallback, useEffect, useState } from 'react';
import { explain } from '../cart';

export interface Loaded<T> {
  value: T | undefined;
  error: string | undefined;
  reload(): Promise<void>;
}

export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [value, setValue] = useState<T | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const run = useCallback(load, deps);
  const reload = useCallback(async () => {
    try {
      setValue(await run());
      setError(undefined);
    } catch (e) {
      setValue(undefined);
      setError(explain(e).message);
    }
  }, [run]);
  useEffect(() => {
    setValue(undefined);
    setError(undefined);
    void reload();
  }, [reload]);
  return { value, error, reload };
}
