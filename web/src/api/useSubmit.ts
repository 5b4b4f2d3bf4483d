import { useCallback, useState } from 'react';

export interface Submit<A> {
  pending: boolean;
  /** The last failure, rendered by the caller; cleared when a new attempt starts. */
  error: unknown;
  run: (arg: A) => Promise<void>;
}

/** Wraps an async action so its pending and failed states can be rendered. */
export function useSubmit<A>(action: (arg: A) => Promise<void>): Submit<A> {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const run = useCallback(
    async (arg: A) => {
      setPending(true);
      setError(undefined);
      try {
        await action(arg);
      } catch (cause) {
        setError(cause);
      } finally {
        setPending(false);
      }
    },
    [action],
  );
  return { pending, error, run };
}
