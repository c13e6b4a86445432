// The regions a `backup_provider` may name, per cloud (public regions as listed by AWS and Azure).

export const awsRegions: readonly string[] = [
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'af-south-1', 'ap-east-1', 'ap-south-1', 'ap-south-2',
  'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'ap-southeast-4', 'ap-southeast-5', 'ap-southeast-7',
  'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ca-central-1', 'ca-west-1', 'eu-central-1', 'eu-central-2',
  'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-south-1', 'eu-south-2', 'eu-north-1', 'il-central-1', 'me-south-1',
  'me-central-1', 'mx-central-1', 'sa-east-1', 'us-gov-east-1', 'us-gov-west-1', 'cn-north-1', 'cn-northwest-1',
];

export const azureRegions: readonly string[] = [
  'eastus', 'eastus2', 'southcentralus', 'westus2', 'westus3', 'australiaeast', 'southeastasia', 'northeurope',
  'swedencentral', 'uksouth', 'westeurope', 'centralus', 'southafricanorth', 'centralindia', 'eastasia', 'japaneast',
  'koreacentral', 'newzealandnorth', 'canadacentral', 'francecentral', 'germanywestcentral', 'italynorth',
  'norwayeast', 'polandcentral', 'spaincentral', 'switzerlandnorth', 'mexicocentral', 'uaenorth', 'brazilsouth',
  'israelcentral', 'qatarcentral', 'northcentralus', 'westus', 'japanwest', 'centraluseuap', 'eastus2euap',
  'westcentralus', 'southafricawest', 'australiacentral', 'australiacentral2', 'australiasoutheast', 'jioindiacentral',
  'jioindiawest', 'koreasouth', 'southindia', 'westindia', 'canadaeast', 'francesouth', 'germanynorth', 'norwaywest',
  'switzerlandwest', 'ukwest', 'uaecentral', 'brazilsoutheast',
];

const regionsByCloud: Record<string, ReadonlySet<string>> = {
  aws: new Set(awsRegions),
  azure: new Set(azureRegions),
};

export function isRegionOf(cloud: string, region: string): boolean {
  return regionsByCloud[cloud]?.has(region) ?? false;
}
