// A message the page owes the customer. Errors are alerts (read out at once); the rest are polite status.
import type { ReactNode } from 'react';

export type NoticeKind = 'info' | 'success' | 'warning' | 'error';

export interface NoticeValue {
  kind: NoticeKind;
  text: ReactNode;
}

export function Notice({ notice, children }: { notice: NoticeValue | undefined; children?: ReactNode }) {
  return (
    <div role={notice?.kind === 'error' ? 'alert' : 'status'} className={notice ? `notice notice-${notice.kind}` : 'notice-empty'}>
      {notice?.text}
      {notice && children}
    </div>
  );
}
