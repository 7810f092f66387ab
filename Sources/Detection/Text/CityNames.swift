/// Place names that card descriptors append to the merchant (`… LOS GATOS CA`) and that
/// Chinese company names start with (`深圳市…`). A general list of large and commonly seen
/// billing cities; a missing city only means a weaker key, never a wrong merge.
enum CityNames {
    static let latin: Set<String> = [
        "los gatos", "san francisco", "san jose", "cupertino", "mountain view", "palo alto", "menlo park",
        "sunnyvale", "los angeles", "santa monica", "seattle", "redmond", "new york", "nyc", "brooklyn",
        "boston", "chicago", "austin", "dallas", "houston", "denver", "atlanta", "miami", "oakland",
        "london", "dublin", "amsterdam", "luxembourg", "berlin", "munich", "muenchen", "münchen", "hamburg",
        "frankfurt", "koeln", "köln", "cologne", "paris", "stockholm", "oslo", "copenhagen", "helsinki",
        "zurich", "zürich", "geneva", "vienna", "wien", "madrid", "barcelona", "milan", "milano", "rome",
        "lisbon", "brussels", "prague", "warsaw", "singapore", "hong kong", "hongkong", "kowloon", "taipei",
        "tokyo", "osaka", "seoul", "sydney", "melbourne", "toronto", "vancouver", "montreal",
        "beijing", "shanghai", "shenzhen", "guangzhou", "hangzhou", "chengdu", "nanjing", "wuhan",
        "internet", "online", "web",
    ]

    static let chinese: [String] = [
        "北京", "上海", "天津", "重庆", "深圳", "广州", "杭州", "成都", "南京", "武汉", "西安", "苏州",
        "长沙", "郑州", "青岛", "厦门", "宁波", "合肥", "福州", "济南", "沈阳", "大连", "昆明", "东莞",
        "佛山", "无锡", "珠海", "哈尔滨", "长春", "石家庄", "太原", "南昌", "南宁", "贵阳", "海口", "兰州",
        "广东", "浙江", "江苏", "四川", "湖北", "湖南", "河南", "河北", "山东", "福建", "香港",
    ]
}
