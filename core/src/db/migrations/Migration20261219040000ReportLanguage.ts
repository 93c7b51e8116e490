import { Migration } from '@mikro-orm/migrations';

/**
 * Reports in the reader's language (reports/, docs/reports.md): a schedule carries the language its
 * report and mail are written in (the schedules made before are English, as they were). A kind may
 * hold a hyphen now (`kpi-series`, the KPI series report).
 */
export class Migration20261219040000ReportLanguage extends Migration {
  override name = 'Migration20261219040000ReportLanguage';

  override up(): void {
    this.addSql(`alter table report_schedule
      add column language text not null default 'en' check (language in ('nl', 'en', 'de', 'fr'))`);
    this.addSql(`alter table report_schedule drop constraint report_schedule_kind_check,
      add constraint report_schedule_kind_check check (kind ~ '^[a-z][a-z_-]{0,39}$')`);
  }
}
