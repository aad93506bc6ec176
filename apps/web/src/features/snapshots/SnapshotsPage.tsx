import { useEffect, useState } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { SnapshotDetail } from './SnapshotDetail';
import { SnapshotList } from './SnapshotList';
import './snapshots.css';

/** `/snapshots` (the list, and the publish form for central staff) and `/snapshots/:id` (one frozen snapshot). */
export function SnapshotsPage() {
  // the screens name the tab; leaving them gives the app's title back (read before they rename it)
  const [previous] = useState(() => document.title);
  useEffect(() => {
    return () => {
      document.title = previous;
    };
  }, [previous]);
  return (
    <Routes>
      <Route index element={<SnapshotList />} />
      <Route path=":id" element={<SnapshotDetail />} />
      <Route path="*" element={<Navigate to="/snapshots" replace />} />
    </Routes>
  );
}
