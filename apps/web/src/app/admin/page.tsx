import { currentViewer } from '../../server/caller';
import { AdminDashboard } from './admin-dashboard';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Admin · padmeet' };

/** Operators' page: live load, CPU, bandwidth and people per room. Admins only (its figures, /admin/stats, check again). */
export default async function AdminPage() {
  const viewer = await currentViewer();
  if (viewer?.role !== 'admin') {
    return (
      <main>
        <h1>Admin</h1>
        <p className="error" role="alert" data-testid="admin-refused">
          {viewer ? 'Only admins may see the server figures.' : 'Sign in as an admin to see the server figures.'}
        </p>
      </main>
    );
  }
  return (
    <main>
      <h1>Admin</h1>
      <p>
        The media server and this web server, as the operators see them. Prometheus scrapes the same figures from each app&apos;s
        metrics listener (see the README, Observability).
      </p>
      <AdminDashboard />
    </main>
  );
}
