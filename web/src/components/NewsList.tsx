import { useEffect, useState } from 'react';
import { api } from '../api/client.ts';

interface Notification {
  id: string;
  patient: string;
  text: string;
  createdAt: string;
  read: boolean;
}

/**
 * "What's new": what the person (or her carer) has been told about this record and not yet read
 * (a share made, used, about to end; an emergency access). The same notices go by email.
 */
export function NewsList({ recordId }: { recordId: string }) {
  const [news, setNews] = useState<Notification[]>();
  const [problem, setProblem] = useState<string>();
  useEffect(() => {
    api<{ notifications: Notification[] }>('/notifications')
      .then((r) => setNews(r.notifications.filter((n) => n.patient === `Patient/${recordId}` && !n.read)))
      .catch(() => setNews([]));
  }, [recordId]);
  if (!news || news.length === 0) return null;
  const markRead = async (): Promise<void> => {
    try {
      await api('/notifications/read', { method: 'POST', body: { ids: news.map((n) => n.id) } });
      setNews([]);
    } catch {
      setProblem('We could not mark these as read. Check your connection and try again.');
    }
  };
  return (
    <section aria-labelledby="news-heading" className="nhsuk-inset-text">
      <h2 id="news-heading" className="nhsuk-heading-m">What’s new</h2>
      <ul className="nhsuk-list">
        {news.map((n) => (
          <li key={n.id}>
            <strong>{new Date(n.createdAt).toLocaleDateString('en-GB', { day: 'numeric', month: 'long' })}:</strong> {n.text}
          </li>
        ))}
      </ul>
      {problem ? <p className="nhsuk-error-message" role="alert">{problem}</p> : null}
      <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={() => void markRead()}>I have read these</button>
    </section>
  );
}
